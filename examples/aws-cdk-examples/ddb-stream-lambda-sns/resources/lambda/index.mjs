// Announces on the topic an item whose stock count falls to zero: a MODIFY
// record of the table's stream whose new image has count 0 and whose old
// image had more. The behaviour of the original example's handler, in an
// ES module as there (so the function's code is a folder asset).
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';

const sns = new SNSClient();

const countOf = (image) => (image?.count?.N === undefined ? null : Number(image.count.N));

// The message for a record, or null when it announces nothing.
export function outOfStockMessage(record) {
  if (record.eventName !== 'MODIFY') return null;
  const { NewImage: now, OldImage: before } = record.dynamodb;
  const [count, previous] = [countOf(now), countOf(before)];
  if (count !== 0 || !(previous > 0)) return null;
  const name = now.itemName?.S ?? 'Unknown item';
  return {
    Subject: `Stock Alert - ${name} Out of Stock`,
    Message: `Alert: ${name} has reached zero inventory! Previous count was ${previous}.`,
  };
}

export const handler = async (event) => {
  for (const record of event.Records) {
    const message = outOfStockMessage(record);
    if (!message) continue;
    await sns.send(new PublishCommand({ ...message, TopicArn: process.env.SNS_TOPIC_ARN }));
    console.log(JSON.stringify({ published: message.Subject }));
  }
  return { statusCode: 200, body: 'Processing complete.' };
};
