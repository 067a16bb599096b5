'use strict';
// GET /HELLO for a signed-in user: API Gateway has checked the ID token;
// the user's claims are in the request context.
function greeting(event) {
  const claims = ((event.requestContext || {}).authorizer || {}).claims || {};
  return { statusCode: 201, body: claims.email ? `Hello ${claims.email}!` : 'Hello world!' };
}

exports.greeting = greeting;
exports.handler = async (event) => {
  console.log(JSON.stringify({ path: event.path, user: greeting(event).body }));
  return greeting(event);
};
