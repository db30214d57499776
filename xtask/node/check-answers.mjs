// Holds answers of the validating mock to the response schemas their description gives them,
// with Ajv (JSON Schema draft-07 and OpenAPI 3.0's `nullable`), independently of the client.
//
// Reads on standard input `{description, answers: [{method, path, status, contentType, body}]}`
// (`path` the description's path of the call, `body` the answer's text) and prints one JSON
// line: a list, in the same order, of `{valid: true}`, `{valid: false, errors: "…"}` or
// `{skipped: "why"}` (no schema for that answer, or a body that is not JSON).
import Ajv from "ajv";
import addFormats from "ajv-formats";

const input = JSON.parse(await new Promise((resolve, reject) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
  process.stdin.on("error", reject);
}));

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

const results = input.answers.map((answer) => {
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
});
process.stdout.write(JSON.stringify(results) + "\n");
