package batchlab.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class MarkupTest {

  @Test
  void escapesTheFiveMarkupCharactersAndNothingElse() {
    assertThat(Markup.escape("a<b> & \"c\" 'd' é")).isEqualTo("a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; é");
  }

  @Test
  void anXmlParserReadsTheEscapedTextBackUnchanged() throws Exception {
    String text = "Stack 'BatchLab' <does not exist> & \"more\"";
    String xml = "<Message a=\"" + Markup.escape(text) + "\">" + Markup.escape(text) + "</Message>";
    var element = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    assertThat(element.getTextContent()).isEqualTo(text);
    assertThat(element.getAttribute("a")).isEqualTo(text);
  }
}
