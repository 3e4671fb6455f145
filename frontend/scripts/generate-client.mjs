#!/usr/bin/env node
// Generates TypeScript API types from the services' OpenAPI contracts.
//
// For every `openapi/<service>.json` this writes `src/api/generated/<service>.ts`
// with openapi-typescript. Generated files whose contract disappeared are removed.
// Run with `npm run generate:client` (the repo-level scripts/generate-client.sh
// first refreshes openapi/*.json from the services, then calls this).
import { readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { dirname, join, basename } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const specDir = join(root, "openapi");
const outDir = join(root, "src", "api", "generated");

const HEADER = [
  "/**",
  " * GENERATED FILE - DO NOT EDIT.",
  " * Source: openapi/{service}.json. Regenerate with `npm run generate:client`.",
  " */",
  "",
  "",
].join("\n");

const specs = (await readdir(specDir)).filter((f) => f.endsWith(".json")).sort();
if (specs.length === 0) {
  console.error(`No OpenAPI contract found in ${specDir}`);
  process.exit(1);
}

await mkdir(outDir, { recursive: true });
const expected = new Set();
for (const file of specs) {
  const service = basename(file, ".json");
  const schema = JSON.parse(await readFile(join(specDir, file), "utf8"));
  const ast = await openapiTS(schema, { alphabetize: true });
  const target = join(outDir, `${service}.ts`);
  await writeFile(target, HEADER.replace("{service}", service) + astToString(ast));
  expected.add(`${service}.ts`);
  console.log(`openapi/${file} -> src/api/generated/${service}.ts`);
}

for (const file of await readdir(outDir)) {
  if (file.endsWith(".ts") && !expected.has(file)) {
    await rm(join(outDir, file));
    console.log(`removed stale src/api/generated/${file}`);
  }
}
