'use strict';
// What the three functions share: the database's credentials from the
// secret the cluster's construct made (Secrets Manager adds host and port to
// it through the secret's attachment), and a client over TLS.

// The pg client's settings from the secret's JSON; the password is never logged.
function connectionConfig(secretString, database) {
  const secret = JSON.parse(secretString || '{}');
  for (const key of ['host', 'port', 'username', 'password'])
    if (secret[key] === undefined || secret[key] === '') throw new Error(`the database secret has no ${key}`);
  return { host: secret.host, port: Number(secret.port), database, user: secret.username, password: secret.password,
    ssl: { rejectUnauthorized: true }, connectionTimeoutMillis: 10000 };
}

async function connect(secretArn, database) {
  // At the edge: the SDK is Lambda's runtime's; pg is bundled by `npm ci` in this folder.
  const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
  const { Client } = require('pg');
  const secrets = new SecretsManagerClient({});
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const client = new Client(connectionConfig(SecretString, database));
  await client.connect();
  return client;
}

module.exports = { connectionConfig, connect };
