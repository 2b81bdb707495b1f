package batchlab.local;

import batchlab.batch.BatchLimits;
import batchlab.batch.ShareIdentifiers;
import batchlab.util.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fair-share scheduling policy (API Reference: SchedulingPolicyDetail, FairsharePolicy,
 * ShareAttributes). Its fair-share settings change in place (UpdateSchedulingPolicy), so the queues
 * that use it follow the change on their next scheduling pass.
 */
final class SchedulingPolicy {

  /** One shareDistribution entry: an identifier, or a prefix ending in {@code *}, and its weight. */
  record Share(String shareIdentifier, double weightFactor) {}

  /** The fairsharePolicy settings, checked. */
  record Fairshare(int shareDecaySeconds, int computeReservation, List<Share> shareDistribution) {

    static final Fairshare DEFAULT = new Fairshare(0, 0, List.of());

    /** Reads and checks a fairsharePolicy object; null or missing gives the defaults (all 0, no shares). */
    static Fairshare parse(JsonNode policy) {
      if (policy == null || policy.isNull()) {
        return DEFAULT;
      }
      Integer decay = Json.optionalInt(policy, "shareDecaySeconds", 0, BatchLimits.SHARE_DECAY_SECONDS_MAX);
      Integer reservation = Json.optionalInt(policy, "computeReservation", 0, BatchLimits.COMPUTE_RESERVATION_MAX);
      List<Share> shares = new ArrayList<>();
      JsonNode distribution = policy.path("shareDistribution");
      for (JsonNode entry : distribution.isArray() ? distribution : Json.MAPPER.createArrayNode()) {
        String id = Json.optionalString(entry, "shareIdentifier");
        if (id == null) {
          throw ApiException.client("shareDistribution.shareIdentifier is required");
        }
        double weight = entry.hasNonNull("weightFactor") ? entry.get("weightFactor").asDouble()
            : BatchLimits.SHARE_WEIGHT_DEFAULT;
        shares.add(new Share(id, weight));
      }
      try {
        ShareIdentifiers.requirePolicyEntries(shares.stream().map(Share::shareIdentifier).toList());
        shares.forEach(s -> ShareIdentifiers.requireWeight(s.shareIdentifier(), s.weightFactor()));
      } catch (BadInputException e) {
        throw ApiException.client(e.getMessage());
      }
      return new Fairshare(decay == null ? 0 : decay, reservation == null ? 0 : reservation, List.copyOf(shares));
    }

    /** The weight of a job's share: the entry that covers it (exact or prefix), else 1.0 (FairsharePolicy). */
    double weightOf(String share) {
      for (Share entry : shareDistribution) {
        if (ShareIdentifiers.covers(entry.shareIdentifier(), share)) {
          return entry.weightFactor();
        }
      }
      return BatchLimits.SHARE_WEIGHT_DEFAULT;
    }

    ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("shareDecaySeconds", shareDecaySeconds);
      node.put("computeReservation", computeReservation);
      ArrayNode list = node.putArray("shareDistribution");
      shareDistribution.forEach(s -> list.addObject().put("shareIdentifier", s.shareIdentifier())
          .put("weightFactor", s.weightFactor()));
      return node;
    }
  }

  final String name;
  final String arn;
  final Map<String, String> tags;
  Fairshare fairshare;

  SchedulingPolicy(String name, String arn, Map<String, String> tags, Fairshare fairshare) {
    this.name = name;
    this.arn = arn;
    this.tags = tags;
    this.fairshare = fairshare;
  }

  /** As DescribeSchedulingPolicies returns it (SchedulingPolicyDetail). */
  ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("name", name);
    node.put("arn", arn);
    node.set("fairsharePolicy", fairshare.toJson());
    node.set("tags", Json.stringMapNode(tags));
    return node;
  }
}
