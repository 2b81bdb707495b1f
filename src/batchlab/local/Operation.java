package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;

/** One API operation: request body in, response body out; runs under the simulation lock. */
@FunctionalInterface
interface Operation {
  JsonNode apply(JsonNode request);
}
