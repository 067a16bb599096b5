'use strict';
// Writes a message into the demo table and reads back the latest ones.
const { connect } = require('./db');

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS demo_table (
  id SERIAL PRIMARY KEY, message TEXT NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)`;

// The message to store: the event's, or one saying when the function ran.
function messageOf(event, now = new Date()) {
  const message = event && typeof event.message === 'string' ? event.message.trim() : '';
  return message || `Hello from Lambda at ${now.toISOString()}`;
}

function answer(rows) {
  return { statusCode: 200, body: JSON.stringify({ count: rows.length, messages: rows }) };
}

exports.handler = async (event) => {
  const client = await connect(process.env.DB_SECRET_ARN, process.env.DB_NAME);
  try {
    await client.query(CREATE_TABLE);
    await client.query('INSERT INTO demo_table (message) VALUES ($1)', [messageOf(event)]);
    const { rows } = await client.query('SELECT id, message, created_at FROM demo_table ORDER BY id DESC LIMIT 10');
    return answer(rows);
  } finally {
    await client.end();
  }
};
exports.messageOf = messageOf;
exports.answer = answer;
