// Builds the Teams app package: fills manifest.template.json, validates the result (and every localisation
// file) offline against the JSON schemas bundled in @microsoft/app-manifest, and writes a zip with
// manifest.json, color.png, outline.png and the localisation files at the top level.
//
// Parameters (command-line option, else environment variable):
//   --app-id      APP_ID       Teams app id (GUID). Keep it stable across versions: it identifies the app.
//   --bot-id      BOT_ID       the bot's Entra app id = the managed identity's client id (GUID)
//   --domain      BOT_DOMAIN   host name of the web app, e.g. volunteerbot-prod.azurewebsites.net (no https://)
//   --version     APP_VERSION  app version, semver (default 1.0.0); raise it for every upload of a change
//   --out         APP_PACKAGE  output path (default .artifacts/appPackage.zip under the repository root)
//   --website-url WEBSITE_URL  developer website (default https://<domain>/)
//   --privacy-url PRIVACY_URL  privacy statement (default the website url)
//   --terms-url   TERMS_URL    terms of use (default the website url)
//   --sso-app-id  SSO_APP_ID   the Entra app the dashboard tab's SSO token is issued for (webApplicationInfo.id;
//                              default BOT_ID); its Application ID URI must be api://<domain>/<id> (docs/deploy.md)
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createZip } from './zip.mjs';

const manifestDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(manifestDir, '..');
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const SEMVER = /^\d+\.\d+\.\d+$/;

function fail(message) {
  console.error(`package-app: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const names = {
    '--app-id': 'APP_ID', '--bot-id': 'BOT_ID', '--domain': 'BOT_DOMAIN', '--version': 'APP_VERSION',
    '--out': 'APP_PACKAGE', '--website-url': 'WEBSITE_URL', '--sso-app-id': 'SSO_APP_ID', '--privacy-url': 'PRIVACY_URL', '--terms-url': 'TERMS_URL',
  };
  const values = {};
  for (let i = 0; i < argv.length; i++) {
    const name = names[argv[i]];
    if (!name) fail(`unknown option ${argv[i]} (options: ${Object.keys(names).join(' ')})`);
    if (i + 1 >= argv.length) fail(`${argv[i]} needs a value`);
    values[name] = argv[++i];
  }
  const get = (name) => values[name] ?? process.env[name] ?? '';
  const p = {
    APP_ID: get('APP_ID'), BOT_ID: get('BOT_ID'), BOT_DOMAIN: get('BOT_DOMAIN').replace(/^https?:\/\//, '').replace(/\/+$/, ''),
    VERSION: get('APP_VERSION') || '1.0.0', OUT: get('APP_PACKAGE') || join(repoRoot, '.artifacts', 'appPackage.zip'),
  };
  if (!GUID.test(p.APP_ID)) fail('APP_ID (--app-id) must be a GUID: the Teams app id, e.g. from `uuidgen`; keep it for later versions');
  if (!GUID.test(p.BOT_ID)) fail('BOT_ID (--bot-id) must be a GUID: the managed identity client id (az deployment output botAppId)');
  if (!HOST.test(p.BOT_DOMAIN)) fail('BOT_DOMAIN (--domain) must be a host name such as volunteerbot-prod.azurewebsites.net');
  if (!SEMVER.test(p.VERSION)) fail('APP_VERSION (--version) must look like 1.2.3');
  p.SSO_APP_ID = get('SSO_APP_ID') || p.BOT_ID;
  if (!GUID.test(p.SSO_APP_ID)) fail('SSO_APP_ID (--sso-app-id) must be a GUID: the Entra app registration that exposes access_as_user');
  p.WEBSITE_URL = get('WEBSITE_URL') || `https://${p.BOT_DOMAIN}/`;
  p.PRIVACY_URL = get('PRIVACY_URL') || p.WEBSITE_URL;
  p.TERMS_URL = get('TERMS_URL') || p.WEBSITE_URL;
  for (const key of ['WEBSITE_URL', 'PRIVACY_URL', 'TERMS_URL']) {
    if (!p[key].startsWith('https://')) fail(`${key} must be an https:// URL`);
  }
  return p;
}

/** Replaces {{NAME}} inside JSON string values; the values are JSON-escaped so no input can change the structure. */
export function fillTemplate(template, parameters) {
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name) => {
    if (!(name in parameters)) fail(`the template names {{${name}}}, which no parameter fills`);
    return JSON.stringify(String(parameters[name])).slice(1, -1);
  });
  return JSON.parse(filled);
}

function loadSchema(name, version) {
  let schemaDir;
  try {
    const require = createRequire(join(repoRoot, 'package.json'));
    schemaDir = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${version}`);
  } catch {
    fail('node_modules/@microsoft/app-manifest is missing: run `npm ci` in the repository root first');
  }
  const path = join(schemaDir, name);
  if (!existsSync(path)) fail(`@microsoft/app-manifest has no bundled schema ${path}`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

// Validates with ajv (draft-04 flavour) and ajv-formats as @microsoft/app-manifest itself does, resolved from
// that package so the versions match. unicodeRegExp is off because the bundled localisation schema has a
// pattern (activities.activityTypes[...]) with a bare "]" that JavaScript rejects in unicode mode.
function validate(document, schema, what) {
  const fromManifestPackage = createRequire(createRequire(join(repoRoot, 'package.json')).resolve('@microsoft/app-manifest/package.json'));
  const Ajv = fromManifestPackage('ajv-draft-04').default ?? fromManifestPackage('ajv-draft-04');
  const addFormats = fromManifestPackage('ajv-formats').default ?? fromManifestPackage('ajv-formats');
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const check = ajv.compile(schema);
  if (!check(document)) {
    const errors = check.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    fail(`${what} does not match its schema:\n  ${errors.join('\n  ')}`);
  }
}

const p = parseArgs(process.argv.slice(2));
const manifest = fillTemplate(readFileSync(join(manifestDir, 'manifest.template.json'), 'utf8'), p);
const version = manifest.manifestVersion;
validate(manifest, loadSchema('MicrosoftTeams.schema.json', version), 'manifest.json');

const entries = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') }];
for (const icon of [manifest.icons.color, manifest.icons.outline]) {
  entries.push({ name: icon, data: readFileSync(join(manifestDir, icon)) });
}
const localizationSchema = loadSchema('MicrosoftTeams.Localization.schema.json', version);
for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
  const text = readFileSync(join(manifestDir, file), 'utf8');
  validate(JSON.parse(text), localizationSchema, file);
  entries.push({ name: file, data: Buffer.from(text, 'utf8') });
}

mkdirSync(dirname(resolve(p.OUT)), { recursive: true });
writeFileSync(resolve(p.OUT), createZip(entries));
console.log(`package-app: wrote ${resolve(p.OUT)} (app ${p.APP_ID}, bot ${p.BOT_ID}, ${p.BOT_DOMAIN}, version ${p.VERSION})`);
