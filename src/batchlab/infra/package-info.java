/**
 * The CDK app and stack: settings from CDK context, the lab's constructs, in-process synthesis. A wing
 * of its own: uses only batch and util, never local or the client side.
 */
package batchlab.infra;
