'use strict';
// The custom resource's work (the provider answers CloudFormation): on
// Create and Update, the aws_lambda extension and a SQL function that calls
// PostgresFunction; on Delete, nothing (the cluster goes with the stack).
const { connect } = require('./db');

const PHYSICAL_ID = 'postgres-setup';

// A function name as a SQL literal: quotes doubled (names are [A-Za-z0-9-_]).
const literal = (text) => `'${String(text).replace(/'/g, "''")}'`;

function setupSql(functionName, region) {
  if (!functionName || !region) throw new Error('POSTGRES_FUNCTION_NAME and AWS_REGION are needed');
  return `CREATE EXTENSION IF NOT EXISTS aws_lambda CASCADE;
CREATE OR REPLACE FUNCTION process_data(data JSONB) RETURNS JSONB AS $$
  SELECT payload FROM aws_lambda.invoke(
    aws_commons.create_lambda_function_arn(${literal(functionName)}, ${literal(region)}), data);
$$ LANGUAGE SQL;`;
}

// What a request asks of the database: the SQL to run, or none.
function plan(event, env) {
  if (event.RequestType === 'Delete') return null;
  if (event.RequestType !== 'Create' && event.RequestType !== 'Update') throw new Error(`unknown RequestType ${event.RequestType}`);
  return setupSql(env.POSTGRES_FUNCTION_NAME, env.AWS_REGION);
}

exports.handler = async (event) => {
  const sql = plan(event, process.env);
  if (sql) {
    const client = await connect(process.env.DB_SECRET_ARN, process.env.DB_NAME);
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
  return { PhysicalResourceId: PHYSICAL_ID };
};
exports.setupSql = setupSql;
exports.plan = plan;
