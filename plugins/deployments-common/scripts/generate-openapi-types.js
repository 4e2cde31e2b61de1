/* eslint-disable no-console */
// Generates src/generated/openapi.ts, the TypeScript types of the
// deployments API, from the backend's OpenAPI description. The frontend
// client and the report CLI are typed from that file, so the spec stays the
// one contract. Run it after every change to openapi.yaml; a test fails while
// the committed file is stale.
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { default: openapiTS, astToString } = require('openapi-typescript');
const prettier = require('prettier');

const SPEC_PATH = path.resolve(
  __dirname,
  '../../deployments-backend/src/schema/openapi.yaml',
);
const TYPES_PATH = path.resolve(__dirname, '../src/generated/openapi.ts');
const REGENERATE_COMMAND =
  'yarn workspace @flightdeck/plugin-deployments-common generate:openapi';

const HEADER = `// Generated from plugins/deployments-backend/src/schema/openapi.yaml by
// openapi-typescript. Do not edit; regenerate with
//   ${REGENERATE_COMMAND}

`;

/** The content openapi.ts should have for the spec as it is on disk. */
async function generateOpenApiTypes(options = {}) {
  const ast = await openapiTS(pathToFileURL(SPEC_PATH), {
    silent: options.silent ?? false,
  });
  const source = HEADER + astToString(ast);
  // Formatted like the rest of the repository, so that prettier --check
  // passes and diffs of the generated file stay readable.
  const config = prettier.resolveConfig.sync(TYPES_PATH) ?? {};
  return prettier.format(source, { ...config, filepath: TYPES_PATH });
}

module.exports = {
  generateOpenApiTypes,
  SPEC_PATH,
  TYPES_PATH,
  REGENERATE_COMMAND,
};

if (require.main === module) {
  generateOpenApiTypes().then(
    content => {
      fs.mkdirSync(path.dirname(TYPES_PATH), { recursive: true });
      fs.writeFileSync(TYPES_PATH, content);
      console.log(`Wrote ${path.relative(process.cwd(), TYPES_PATH)}`);
    },
    error => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
