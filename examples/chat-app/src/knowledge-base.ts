import type { Document } from '@verdict/core';

/**
 * The example's corpus: a few short help-centre articles for a fictional product, so answers can
 * be checked against their sources by eye.
 */
export const KNOWLEDGE_BASE: Document[] = [
  {
    id: 'kb-returns',
    page_content:
      'Orders can be returned within 30 days of delivery. Items must be unused and in their original packaging. Refunds reach the original payment method within 5 business days of the return arriving.',
    metadata: { doc_uri: 'https://help.example.com/returns', title: 'Returns and refunds' },
  },
  {
    id: 'kb-shipping',
    page_content:
      'Standard shipping takes 3 to 5 business days and is free on orders over 50 euros. Express shipping takes 1 business day and costs 9 euros. We ship to every country in the European Union.',
    metadata: { doc_uri: 'https://help.example.com/shipping', title: 'Shipping times and costs' },
  },
  {
    id: 'kb-warranty',
    page_content:
      'Every device has a two-year warranty covering manufacturing defects. Accidental damage is not covered. To claim, open a ticket with your order number and a photo of the defect.',
    metadata: { doc_uri: 'https://help.example.com/warranty', title: 'Warranty' },
  },
  {
    id: 'kb-account',
    page_content:
      'You can change your password from Settings, then Security. If you forgot it, use the reset link on the sign-in page; the link expires after one hour.',
    metadata: { doc_uri: 'https://help.example.com/account', title: 'Account and password' },
  },
  {
    id: 'kb-payment',
    page_content:
      'We accept Visa, Mastercard, PayPal and bank transfer. Bank transfers are confirmed within two business days; orders ship once payment is confirmed.',
    metadata: { doc_uri: 'https://help.example.com/payment', title: 'Payment methods' },
  },
  {
    id: 'kb-subscription',
    page_content:
      'The Plus subscription costs 5 euros a month and includes free express shipping and extended warranty of one extra year. Cancel any time from Settings, then Subscription.',
    metadata: { doc_uri: 'https://help.example.com/plus', title: 'Plus subscription' },
  },
];
