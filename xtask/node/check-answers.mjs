// Holds answers of the validating mock to the response schemas their description gives them,
// with Ajv (JSON Schema draft-07 and OpenAPI 3.0's `nullable`), independently of the client.
//
// Reads on standard input `{description, file, answers: [{method, path, target, status,
// contentType, body}]}` (`file` the description's file, `path` the description's path of the
// call, `target` the request target Prism was sent, `body` the answer's text) and prints one
// JSON line: a list, in the same order, of `{valid: true}`, `{valid: false, errors: "…"}` or
// `{skipped: "why"}` (no schema for that answer, or a body that is not JSON), each with
// `routedTo: {path, method, operationId, valid}` where Prism's own router matches the request
// to another operation than the call's (two description paths that differ only in their
// parameters' names: the first that Prism sorts ahead wins), `valid` saying whether the
// answer fits that operation's response schema.
import { createRequire } from "node:module";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);

const input = JSON.parse(await new Promise((resolve, reject) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
  process.stdin.on("error", reject);
}));

// OpenAPI 3.0.3 says `nullable` adds null to the `type` beside it, and does nothing where no
// `type` stands beside it; Ajv refuses to compile such a schema, so that `nullable` goes.
(function dropUntypedNullable(node) {
  if (Array.isArray(node)) return node.forEach(dropUntypedNullable);
  if (node === null || typeof node !== "object") return;
  if (typeof node.nullable === "boolean" && !("type" in node)) delete node.nullable;
  Object.values(node).forEach(dropUntypedNullable);
})(input.description);

// OpenAPI's own keywords (`example`, `discriminator`, `xml`, …) are not JSON Schema's: not
// strict. `nullable` is among Ajv's keywords.
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
addFormats(ajv);
ajv.addSchema(input.description, "description");

const escape = (token) => token.replace(/~/g, "~0").replace(/\//g, "~1");

function responseSchema({ method, path, status, contentType }) {
  const operation = input.description.paths?.[path]?.[method.toLowerCase()];
  const responses = operation?.responses ?? {};
  const code = [String(status), `${String(status)[0]}XX`, "default"].find((c) => c in responses);
  if (code === undefined) return { skipped: `the description defines no ${status} answer` };
  let response = responses[code];
  let pointer = `#/paths/${escape(path)}/${method.toLowerCase()}/responses/${escape(code)}`;
  if (response.$ref?.startsWith("#/")) {
    pointer = response.$ref;
    response = pointer.slice(2).split("/").reduce((v, t) => v?.[t.replace(/~1/g, "/").replace(/~0/g, "~")], input.description);
  }
  const content = response?.content ?? {};
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const media = [type, "application/json", ...Object.keys(content)].find((m) => content[m]?.schema);
  if (media === undefined) return { skipped: `the ${code} answer has no schema` };
  return { ref: `description${pointer}/content/${escape(media)}/schema` };
}

function check(answer) {
  const found = responseSchema(answer);
  if (found.skipped) return found;
  let body;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return { skipped: "the answer is not JSON" };
  }
  try {
    const validate = ajv.getSchema(found.ref) ?? ajv.compile({ $ref: found.ref });
    if (validate(body)) return { valid: true };
    return {
      valid: false,
      errors: validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; "),
    };
  } catch (error) {
    return { skipped: `Ajv cannot compile the schema: ${error.message}` };
  }
}

// Prism's router, as `prism mock` runs it: the operations read from the same file by Prism's
// own reader, and the request as its HTTP server hands it over (method, path of the target).
const { getHttpOperationsFromSpec } = require("@stoplight/prism-http");
const route = require("@stoplight/prism-http/dist/router").default;
const operations = input.file ? await getHttpOperationsFromSpec(input.file) : [];

function routed(answer) {
  if (!answer.target) return undefined;
  const { pathname } = new URL(answer.target, "http://example.com");
  const matched = route({
    resources: operations,
    input: { method: answer.method.toLowerCase(), url: { path: pathname, query: {} }, headers: {}, body: null },
  });
  if (matched._tag !== "Right") return undefined;
  const operation = matched.right;
  if (operation.path === answer.path && operation.method === answer.method.toLowerCase()) return undefined;
  const other = check({ ...answer, path: operation.path, method: operation.method });
  return { path: operation.path, method: operation.method, operationId: operation.iid ?? "", valid: other.valid === true };
}

const results = input.answers.map((answer) => {
  const verdict = check(answer);
  const routedTo = routed(answer);
  return routedTo ? { ...verdict, routedTo } : verdict;
});
process.stdout.write(JSON.stringify(results) + "\n");
