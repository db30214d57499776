//! Seam client.
