/**
 * Small helpers shared by every part: the one bad-input exception, text and markup helpers. Uses no
 * other batchlab package.
 */
package batchlab.util;
