'use strict';
// Subscribers of the alerts topic: one email subscription per user whose
// filter policy delivers only that user's alerts (the processor sets the
// message attribute userId on every notification).
const { SubscribeCommand, UnsubscribeCommand, ListSubscriptionsByTopicCommand, GetSubscriptionAttributesCommand } = require('@aws-sdk/client-sns');
const { DescribeStacksCommand } = require('@aws-sdk/client-cloudformation');
const { UsageError, StateError, required, checkStage } = require('./args');

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const filterPolicy = (userId) => JSON.stringify({ userId: [userId] });

// One output of the stage's stack.
async function stackOutput(cloudformation, options, key) {
  const stackName = `crypto-alerts-${checkStage(options.stage)}`;
  const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
  const found = ((Stacks && Stacks[0] && Stacks[0].Outputs) || []).find((o) => o.OutputKey === key);
  if (!found) throw new StateError(`stack ${stackName} has no output ${key}: deploy it, or pass the value as an option`);
  return found.OutputValue;
}

// --topic-arn, else the stack's AlertsTopicArn output.
async function topicArn(cloudformation, options) {
  return options['topic-arn'] || stackOutput(cloudformation, options, 'AlertsTopicArn');
}

async function allSubscriptions(sns, TopicArn) {
  const found = [];
  let NextToken;
  do {
    const page = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn, NextToken }));
    found.push(...(page.Subscriptions || []));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

// Every subscription (of `endpoint` only, when given) with the user its
// filter policy selects (confirmed ones; a pending one has no ARN to read
// attributes from yet).
async function subscriptions(sns, TopicArn, endpoint) {
  const result = [];
  for (const s of await allSubscriptions(sns, TopicArn)) {
    if (endpoint !== undefined && s.Endpoint !== endpoint) continue;
    const pending = !s.SubscriptionArn || !s.SubscriptionArn.startsWith('arn:');
    let user = '';
    if (!pending) {
      const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn }));
      const policy = Attributes && Attributes.FilterPolicy ? JSON.parse(Attributes.FilterPolicy) : {};
      user = Array.isArray(policy.userId) ? policy.userId.join(',') : '(all users)';
    }
    result.push({ endpoint: s.Endpoint, protocol: s.Protocol, user, status: pending ? 'pending confirmation' : 'confirmed', subscriptionArn: s.SubscriptionArn });
  }
  return result;
}

async function subscribe({ sns, cloudformation }, options) {
  required(options, 'user', 'email');
  if (!EMAIL.test(options.email)) throw new UsageError(`--email '${options.email}' is not an email address`);
  const TopicArn = await topicArn(cloudformation, options);
  let SubscriptionArn;
  try {
    ({ SubscriptionArn } = await sns.send(new SubscribeCommand({
      TopicArn, Protocol: 'email', Endpoint: options.email, ReturnSubscriptionArn: false,
      Attributes: { FilterPolicy: filterPolicy(options.user), FilterPolicyScope: 'MessageAttributes' },
    })));
  } catch (error) {
    // SNS keeps one subscription per topic, protocol and endpoint; a second
    // one with another filter policy is refused as InvalidParameter
    // ("Subscription already exists with different attributes").
    if (!/InvalidParameter/.test(error.name) || !/already exists/.test(error.message)) throw error;
    const [other] = await subscriptions(sns, TopicArn, options.email);
    const whose = other && other.user ? `user ${other.user}'s alerts` : 'another user\'s alerts (pending confirmation)';
    throw new StateError(`${options.email} is already subscribed to ${whose}: an address receives one user's alerts; unsubscribe it first, or use another address`);
  }
  return {
    subscription: { topicArn: TopicArn, user: options.user, email: options.email, subscriptionArn: SubscriptionArn },
    message: `subscribed ${options.email} to ${options.user}'s alerts; SNS sends a confirmation mail that must be accepted once`,
  };
}

async function unsubscribe({ sns, cloudformation }, options) {
  required(options, 'user', 'email');
  const TopicArn = await topicArn(cloudformation, options);
  const mine = (await subscriptions(sns, TopicArn, options.email)).filter((s) => s.user === options.user);
  if (!mine.length) throw new StateError(`no confirmed subscription of ${options.email} to ${options.user}'s alerts (a pending one expires unconfirmed after 3 days)`);
  for (const s of mine) await sns.send(new UnsubscribeCommand({ SubscriptionArn: s.subscriptionArn }));
  return { subscription: { topicArn: TopicArn, user: options.user, email: options.email }, message: `unsubscribed ${options.email} from ${options.user}'s alerts` };
}

async function subscribers({ sns, cloudformation }, options) {
  return { subscribers: await subscriptions(sns, await topicArn(cloudformation, options)) };
}

module.exports = { filterPolicy, stackOutput, topicArn, subscriptions, subscribe, unsubscribe, subscribers };
