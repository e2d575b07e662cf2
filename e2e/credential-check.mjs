// An independent check of lotse's credentials, with other people's code: the Digital
// Credentials Consortium's verifier (the one behind their web verifier and Learner
// Credential Wallet) and jsonld.js. Offline: contexts come bundled with the packages,
// did:key resolves locally, and the only "network" answer is the status list handed in.
//
//   node credential-check.mjs verify CREDENTIAL.json [STATUS_LIST_URL STATUS_LIST.json]
//     prints {"signature": bool, "status": bool|null, "log": [...]}
//   node credential-check.mjs canonize DOCUMENT.json
//     prints the RDFC-1.0 canonical N-Quads of the document without its proof
import fs from 'node:fs';

const [command, file, statusUrl, statusFile] = process.argv.slice(2);
const document = JSON.parse(fs.readFileSync(file, 'utf8'));
const statusList = statusFile ? fs.readFileSync(statusFile, 'utf8') : null;

// Nothing leaves the machine: the status list is answered from the file, all else fails.
globalThis.fetch = async (input) => {
  const url = typeof input === 'string' ? input : input?.url ?? String(input);
  if (statusList !== null && url === statusUrl) {
    return new Response(statusList, { status: 200, headers: { 'content-type': 'application/json' } });
  }
  throw new TypeError(`offline: ${url}`);
};

if (command === 'verify') {
  const { verifyCredential } = await import('@digitalcredentials/verifier-core');
  const result = await verifyCredential({ credential: document, knownDIDRegistries: [] });
  const entry = (id) => result.log?.find((e) => e.id === id);
  const signature = entry('valid_signature');
  const status = entry('revocation_status');
  console.log(JSON.stringify({
    signature: signature?.valid === true,
    status: status === undefined ? null : status.valid === true,
    log: (result.log ?? []).map((e) => [e.id, e.valid ?? e.error?.name ?? null]),
    errors: (result.errors ?? []).map((e) => e.name ?? e.message),
  }));
} else if (command === 'canonize') {
  const { default: jsonld } = await import('@digitalcredentials/jsonld');
  const { securityLoader } = await import('@digitalcredentials/security-document-loader');
  const documentLoader = securityLoader({ fetchRemoteContexts: false }).build();
  delete document.proof;
  const quads = await jsonld.canonize(document, {
    algorithm: 'URDNA2015',
    format: 'application/n-quads',
    documentLoader,
    safe: true,
  });
  process.stdout.write(quads);
} else {
  console.error('usage: credential-check.mjs verify FILE [URL FILE] | canonize FILE');
  process.exit(2);
}
