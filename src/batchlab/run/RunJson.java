package batchlab.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The JSON form of the run files: instants as ISO-8601 strings, durations as plain numbers of
 * seconds (fields carrying them end in {@code Seconds}) so scripts need no duration parser.
 */
public final class RunJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new SimpleModule("duration-seconds")
          .addSerializer(Duration.class, new SecondsSerializer())
          .addDeserializer(Duration.class, new SecondsDeserializer()))
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private RunJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static final class SecondsSerializer extends StdSerializer<Duration> {
    SecondsSerializer() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeNumber(BigDecimal.valueOf(value.toMillis(), 3).stripTrailingZeros().toPlainString());
    }
  }

  private static final class SecondsDeserializer extends StdDeserializer<Duration> {
    SecondsDeserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return Duration.ofMillis(p.getDecimalValue().movePointRight(3).longValue());
    }
  }
}
