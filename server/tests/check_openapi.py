#!/usr/bin/env python3
"""Checks docs/api/openapi.yaml, then every response the server tests received against it.

usage: check_openapi.py OPENAPI.yaml LOG_DIR

1. The document: OpenAPI 3.0.x, every $ref resolves, every operation documents its
   responses, every {path parameter} is declared, every schema uses known keywords.
2. Each response logged by the C++ tests (LOG_DIR/*.jsonl, one JSON object per line:
   method, path, status, headers, body): its path and method must be documented, its status
   listed for that operation, and its JSON body must match the schema (types, required and
   unknown properties, enums, nullability, patterns, bounds).
Prints one summary line; exits 1 on the first document problem or on any response mismatch.
"""
import glob
import json
import os
import re
import sys

try:
    import yaml
except ImportError:  # python3-yaml (Debian) is installed by scripts/install-deps.sh
    print("check_openapi.py: python3-yaml is missing", file=sys.stderr)
    sys.exit(1)

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
SCHEMA_KEYS = {
    "type", "properties", "required", "additionalProperties", "items", "enum", "nullable",
    "allOf", "oneOf", "anyOf", "$ref", "pattern", "minimum", "maximum", "minLength",
    "maxLength", "format", "description", "default", "example",
}


class Problem(Exception):
    pass


def resolve(doc, ref):
    if not ref.startswith("#/"):
        raise Problem(f"external $ref not supported: {ref}")
    node = doc
    for part in ref[2:].split("/"):
        if not isinstance(node, dict) or part not in node:
            raise Problem(f"$ref does not resolve: {ref}")
        node = node[part]
    return node


def deref(doc, node):
    while isinstance(node, dict) and "$ref" in node:
        node = resolve(doc, node["$ref"])
    return node


def check_refs(doc, node, where):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                resolve(doc, v)
            else:
                check_refs(doc, v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            check_refs(doc, v, f"{where}[{i}]")


def check_schema_keywords(schema, where):
    if not isinstance(schema, dict):
        raise Problem(f"{where}: a schema must be an object")
    unknown = set(schema) - SCHEMA_KEYS
    if unknown:
        raise Problem(f"{where}: unknown schema keyword(s) {sorted(unknown)}")
    if "type" in schema and schema["type"] not in (
            "object", "array", "string", "number", "integer", "boolean"):
        raise Problem(f"{where}: unknown type {schema['type']!r}")
    for k, sub in schema.get("properties", {}).items():
        check_schema_keywords(sub, f"{where}.properties.{k}")
    if isinstance(schema.get("items"), dict):
        check_schema_keywords(schema["items"], f"{where}.items")
    for k in ("allOf", "oneOf", "anyOf"):
        for i, sub in enumerate(schema.get(k, [])):
            check_schema_keywords(sub, f"{where}.{k}[{i}]")


def check_document(doc):
    if not str(doc.get("openapi", "")).startswith("3.0."):
        raise Problem("openapi: expected 3.0.x")
    info = doc.get("info", {})
    if not info.get("title") or not info.get("version"):
        raise Problem("info: title and version are required")
    paths = doc.get("paths")
    if not paths:
        raise Problem("paths: empty")
    check_refs(doc, doc, "")
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        check_schema_keywords(schema, f"components.schemas.{name}")
    operations = 0
    for path, item in paths.items():
        if not path.startswith("/"):
            raise Problem(f"paths.{path}: must start with /")
        declared = {deref(doc, p)["name"] for p in item.get("parameters", [])
                    if deref(doc, p).get("in") == "path"}
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            operations += 1
            names = declared | {deref(doc, p)["name"] for p in op.get("parameters", [])
                                if deref(doc, p).get("in") == "path"}
            for needed in re.findall(r"{([^}]+)}", path):
                if needed not in names:
                    raise Problem(f"{method.upper()} {path}: path parameter {needed} undeclared")
            responses = op.get("responses")
            if not responses:
                raise Problem(f"{method.upper()} {path}: no responses")
            for status, response in responses.items():
                response = deref(doc, response)
                if "description" not in response:
                    raise Problem(f"{method.upper()} {path} {status}: no description")
                for media in response.get("content", {}).values():
                    check_schema_keywords(deref(doc, media.get("schema", {})),
                                          f"{method.upper()} {path} {status}")
    return operations


def validate(doc, schema, value, where, errors):
    schema = deref(doc, schema)
    if value is None:
        if schema.get("nullable"):
            return
        if "enum" in schema and None in schema["enum"]:
            return
        errors.append(f"{where}: null is not allowed")
        return
    for sub in schema.get("allOf", []):
        validate(doc, sub, value, where, errors)
    if "oneOf" in schema:
        matches = 0
        for sub in schema["oneOf"]:
            sub_errors = []
            validate(doc, sub, value, where, sub_errors)
            matches += not sub_errors
        if matches != 1:
            errors.append(f"{where}: matches {matches} of oneOf")
    t = schema.get("type")
    if t == "object":
        if not isinstance(value, dict):
            errors.append(f"{where}: expected an object")
            return
        for r in schema.get("required", []):
            if r not in value:
                errors.append(f"{where}: missing required {r!r}")
        props = schema.get("properties", {})
        for k, v in value.items():
            if k in props:
                validate(doc, props[k], v, f"{where}.{k}", errors)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: undocumented property {k!r}")
    elif t == "array":
        if not isinstance(value, list):
            errors.append(f"{where}: expected an array")
            return
        for i, v in enumerate(value):
            validate(doc, schema.get("items", {}), v, f"{where}[{i}]", errors)
    elif t == "string":
        if not isinstance(value, str):
            errors.append(f"{where}: expected a string, got {value!r}")
            return
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", 1 << 30):
            errors.append(f"{where}: length out of bounds")
    elif t in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            errors.append(f"{where}: expected a number, got {value!r}")
            return
        if t == "integer" and not float(value).is_integer():
            errors.append(f"{where}: expected an integer, got {value!r}")
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: below the minimum")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: above the maximum")
    elif t == "boolean":
        if not isinstance(value, bool):
            errors.append(f"{where}: expected a boolean")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} is not one of {schema['enum']}")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    try:
        operations = check_document(doc)
    except Problem as p:
        print(f"openapi.yaml is not valid: {p}")
        return 1

    routes = []
    for path, item in doc["paths"].items():
        pattern = "^" + re.sub(r"{[^}]+}", "[^/]+", re.escape(path).replace(r"\{", "{")
                               .replace(r"\}", "}")) + "$"
        routes.append((re.compile(pattern), path, item))

    checked, failures, seen = 0, [], set()
    files = sorted(glob.glob(os.path.join(sys.argv[2], "*.jsonl")))
    for name in files:
        with open(name, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                r = json.loads(line)
                method, path, status = r["method"].lower(), r["path"], str(r["status"])
                where = f"{os.path.basename(name)}:{n} {r['method']} {path} -> {status}"
                matches = [(p, item) for rx, p, item in routes if rx.match(path)]
                # Undocumented paths must be the router's own 404s.
                if not matches:
                    if status != "404":
                        failures.append(f"{where}: path not in the document")
                    continue
                # A literal path beats a templated one (/v1/accounts vs /v1/accounts/{id}).
                matches.sort(key=lambda m: m[0].count("{"))
                template, item = matches[0]
                op = item.get(method)
                if op is None:
                    if status != "405":
                        failures.append(f"{where}: method not documented")
                    continue
                seen.add((method, template))
                response = op["responses"].get(status)
                if response is None:
                    failures.append(f"{where}: status not documented")
                    continue
                response = deref(doc, response)
                content = response.get("content", {}).get("application/json")
                checked += 1
                if content is None:
                    if r["body"]:
                        failures.append(f"{where}: a body where none is documented")
                    continue
                try:
                    body = json.loads(r["body"])
                except ValueError:
                    failures.append(f"{where}: the body is not JSON")
                    continue
                errors = []
                validate(doc, content["schema"], body, "body", errors)
                failures += [f"{where}: {e}" for e in errors[:5]]

    unexercised = [f"{m.upper()} {p}" for p, item in doc["paths"].items() for m in METHODS
                   if m in item and (m, p) not in seen]
    for f in failures[:40]:
        print("MISMATCH", f)
    if unexercised:
        print("not exercised by the tests:", ", ".join(unexercised))
    print(f"openapi: document valid ({operations} operations); {checked} responses from "
          f"{len(files)} test logs checked, {len(seen)} operations exercised")
    print(f"openapi: {checked - len(set(f.split(': ')[0] for f in failures))} passed, "
          f"{len(set(f.split(': ')[0] for f in failures))} failed")
    if not files or checked == 0:
        print("openapi: no responses were logged (run the server tests first)")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
