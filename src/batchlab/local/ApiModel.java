package batchlab.local;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The request shapes of the Batch and ECS APIs, read from the AWS SDK v2's generated model classes
 * (the SDK is generated from the same service model AWS publishes): for every operation of the
 * service's client interface, the members of its request body with their types and enum values.
 * So the emulator accepts exactly what the API model allows, and can never store a value the SDK
 * could not read back.
 */
final class ApiModel {

  /**
   * Enum members whose values AWS documents as not case sensitive (API Reference, EvaluateOnExit:
   * "The values aren't case sensitive"), as {@code <model class>.<member>}.
   */
  private static final Set<String> CASE_INSENSITIVE = Set.of("EvaluateOnExit.action");

  private static final ApiModel BATCH = new ApiModel(BatchClient.class);
  private static final ApiModel ECS = new ApiModel(EcsClient.class);

  /** Request classes by operation name in lower case ({@code submitjob}). */
  private final Map<String, Class<?>> requests = new LinkedHashMap<>();
  private final Map<String, ApiShape.Structure> shapes = new ConcurrentHashMap<>();

  private ApiModel(Class<?> client) {
    for (Method method : client.getMethods()) {
      Class<?>[] parameters = method.getParameterTypes();
      if (parameters.length == 1 && SdkPojo.class.isAssignableFrom(parameters[0])
          && parameters[0].getSimpleName().endsWith("Request")) {
        requests.put(method.getName().toLowerCase(Locale.ROOT), parameters[0]);
      }
    }
  }

  static ApiModel batch() {
    return BATCH;
  }

  static ApiModel ecs() {
    return ECS;
  }

  /** The body shape of {@code operation} (lower case), empty for an operation the service does not have. */
  Optional<ApiShape.Structure> request(String operation) {
    Class<?> type = requests.get(operation.toLowerCase(Locale.ROOT));
    if (type == null) {
      return Optional.empty();
    }
    return Optional.of(shapes.computeIfAbsent(operation.toLowerCase(Locale.ROOT), k -> bodyOf(type)));
  }

  private static ApiShape.Structure bodyOf(Class<?> requestType) {
    try {
      SdkPojo builder = (SdkPojo) requestType.getMethod("builder").invoke(null);
      return structure(requestType, builder.sdkFields(), true);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the SDK model of " + requestType.getName(), e);
    }
  }

  /** The payload members of a structure; {@code body}: skip members bound to the URI or headers. */
  private static ApiShape.Structure structure(Class<?> modelClass, List<SdkField<?>> fields, boolean body) {
    Map<String, ApiShape> members = new LinkedHashMap<>();
    for (SdkField<?> field : fields) {
      if (body && field.location() != MarshallLocation.PAYLOAD) {
        continue;
      }
      members.put(field.locationName(), shape(field, modelClass, field.memberName()));
    }
    return new ApiShape.Structure(members);
  }

  /** {@code owner} and {@code member}: where to look for the enum a string member is generated with. */
  private static ApiShape shape(SdkField<?> field, Class<?> owner, String member) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.SDK_POJO) {
      SdkPojo nested = field.constructor().get();
      Class<?> nestedClass = nested.getClass().getEnclosingClass();
      return structure(nestedClass == null ? nested.getClass() : nestedClass, nested.sdkFields(), false);
    }
    if (type == MarshallingType.LIST) {
      SdkField<?> item = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
      return new ApiShape.ListOf(item.marshallingType() == MarshallingType.STRING
          ? stringOrEnum(enumOfList(owner, member)) : shape(item, owner, member));
    }
    if (type == MarshallingType.MAP) {
      return new ApiShape.MapOf(shape(field.getRequiredTrait(MapTrait.class).valueFieldInfo(), Object.class, ""));
    }
    if (type == MarshallingType.STRING) {
      ApiShape shape = stringOrEnum(enumOf(owner, member));
      boolean anyCase = CASE_INSENSITIVE.contains(owner.getSimpleName() + "." + member);
      return anyCase && shape instanceof ApiShape.OneOf oneOf ? new ApiShape.OneOf(oneOf.values(), true) : shape;
    }
    if (type == MarshallingType.INTEGER || type == MarshallingType.SHORT || type == MarshallingType.BYTE) {
      return ApiShape.Scalar.INTEGER;
    }
    if (type == MarshallingType.LONG) {
      return ApiShape.Scalar.LONG;
    }
    if (type == MarshallingType.BOOLEAN) {
      return ApiShape.Scalar.BOOLEAN;
    }
    return ApiShape.Scalar.NUMBER; // FLOAT, DOUBLE, BIG_DECIMAL and INSTANT (epoch seconds) are JSON numbers
  }

  private static ApiShape stringOrEnum(Class<?> enumType) {
    if (enumType == null) {
      return ApiShape.Scalar.STRING;
    }
    List<String> values = Arrays.stream(enumType.getEnumConstants())
        .filter(value -> !((Enum<?>) value).name().equals("UNKNOWN_TO_SDK_VERSION"))
        .map(Object::toString)
        .toList();
    return new ApiShape.OneOf(values, false);
  }

  /** The enum a string member is generated with: its getter returns it and a {@code ...AsString} twin exists. */
  private static Class<?> enumOf(Class<?> owner, String member) {
    Method getter = getter(owner, member, "AsString");
    return getter != null && getter.getReturnType().isEnum() ? getter.getReturnType() : null;
  }

  private static Class<?> enumOfList(Class<?> owner, String member) {
    Method getter = getter(owner, member, "AsStrings");
    if (getter == null || !(getter.getGenericReturnType() instanceof ParameterizedType list)) {
      return null;
    }
    Type item = list.getActualTypeArguments()[0];
    return item instanceof Class<?> c && c.isEnum() ? c : null;
  }

  private static Method getter(Class<?> owner, String member, String twinSuffix) {
    if (member.isEmpty()) {
      return null;
    }
    String name = Character.toLowerCase(member.charAt(0)) + member.substring(1);
    try {
      owner.getMethod(name + twinSuffix);
      return owner.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
