'use strict';
// BASELINE ONLY, not part of the product: a price check the way the
// original sketch did it, scanning the whole alerts table every run and
// filtering in memory. Kept so bench/price-check-cost.js can show what the
// sparse index saves. It triggers with the same conditional update as the
// real checker, so both do the same work apart from how they find alerts.
const { DynamoDBClient, ScanCommand, UpdateItemCommand } = require('@aws-sdk/client-dynamodb');

async function scanCheck(env, prices) {
  const db = new DynamoDBClient({});
  let triggered = 0;
  let ExclusiveStartKey;
  do {
    const page = await db.send(new ScanCommand({ TableName: env.TABLE_NAME, ExclusiveStartKey }));
    for (const item of page.Items) {
      const price = prices[item.coinSymbol && item.coinSymbol.S];
      const threshold = Number(item.threshold && item.threshold.N);
      const status = item.status && item.status.S;
      const condition = item.condition && item.condition.S;
      if (status !== 'ACTIVE' || price === undefined) continue;
      if (!(condition === 'above' ? price > threshold : price < threshold)) continue;
      await db.send(new UpdateItemCommand({
        TableName: env.TABLE_NAME, Key: { userId: item.userId, alertId: item.alertId },
        UpdateExpression: 'SET #s = :t REMOVE armedKey', ConditionExpression: '#s = :a',
        ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':t': { S: 'TRIGGERED' }, ':a': { S: 'ACTIVE' } },
      })).then(() => { triggered++; }, (e) => { if (e.name !== 'ConditionalCheckFailedException') throw e; });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  db.destroy();
  return { triggered };
}

module.exports = { scanCheck };
