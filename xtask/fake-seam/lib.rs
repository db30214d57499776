//! Nothing but the test in `tests/`: a downstream crate of the full client.
