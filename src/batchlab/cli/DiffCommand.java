package batchlab.cli;

import batchlab.aws.AwsClients;
import batchlab.batch.LabContract;
import batchlab.batch.StackChanges;
import batchlab.batch.TemplateDiff;
import batchlab.infra.StackSynthesizer;
import batchlab.infra.SynthesizedStack;
import batchlab.util.BadInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

/**
 * {@code batch-lab diff}: what deploying the stack with other context values would do, in Batch
 * terms: the stack synthesized with {@code --from} (or the deployed template) against the stack
 * synthesized with {@code -c}, judged by the update rules of {@code batchlab.batch.UpdateRules}.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Say what deploying the stack with the -c context would do, compared with the --from context (default: "
          + "the defaults) or with the deployed stack (--deployed): per changed resource and property, a scaling "
          + "update, an infrastructure update, a replacement, a failure or a plain CloudFormation change.",
      "Exit status: 0 every change in place, 3 running work may be interrupted, 4 the update would fail, "
          + "2 bad input, 1 other failure."
    })
public final class DiffCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = {"-c", "--context"}, paramLabel = "KEY=VALUE",
      description = "CDK context of the stack to deploy (same keys as cdk synth -c; default: none).")
  Map<String, String> context = new LinkedHashMap<>();

  @Option(names = "--from", paramLabel = "KEY=VALUE",
      description = "CDK context of the stack as it is now (default: none, the defaults).")
  Map<String, String> from = new LinkedHashMap<>();

  @Option(names = "--deployed", description = "Compare with the deployed stack's template (CloudFormation GetTemplate).")
  boolean deployed;

  @Option(names = "--stack", paramLabel = "NAME",
      description = "--deployed: the stack to read (default: -c stackName, else " + LabContract.DEFAULT_STACK_NAME + ").")
  String stack;

  @Option(names = "--json", description = "Print the changes as JSON.")
  boolean json;

  @Mixin ConnectionOptions connection;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    return ExitCodes.run(err, () -> {
      checkOptions();
      SynthesizedStack target = StackSynthesizer.synthesize(context);
      String before;
      String fromLabel;
      if (deployed) {
        String name = stack != null ? stack : target.stackName();
        try (AwsClients clients = AwsClients.connect(connection.settings(), System.getenv())) {
          before = clients.cloudFormation().getTemplate(r -> r.stackName(name).templateStage(TemplateStage.ORIGINAL))
              .templateBody();
        }
        fromLabel = "deployed " + name;
      } else {
        before = StackSynthesizer.synthesize(from).templateJson();
        fromLabel = label(from);
      }
      StackChanges changes = TemplateDiff.compare(parse(before, fromLabel), parse(target.templateJson(), "synthesized"));
      DiffReport report = new DiffReport(target.stackName(), fromLabel, label(context), changes);
      out.print(json ? report.json() : report.text());
      out.flush();
      return report.exitCode();
    });
  }

  private void checkOptions() {
    if (deployed && !from.isEmpty()) {
      throw new BadInputException("--from and --deployed are alternatives: compare with a context or with the "
          + "deployed stack, not both");
    }
    boolean connects = connection.settings().region() != null || connection.settings().profile() != null
        || connection.settings().endpoint() != null || stack != null;
    if (!deployed && connects) {
      throw new BadInputException("--stack, --region, --profile and --endpoint-url apply to --deployed only");
    }
  }

  private static JsonNode parse(String template, String what) {
    try {
      JsonNode node = JSON.readTree(template);
      if (node == null || !node.isObject()) {
        throw new IllegalStateException("the " + what + " template is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the " + what + " template is not JSON (only JSON templates are compared): "
          + e.getOriginalMessage());
    }
  }

  private static String label(Map<String, String> context) {
    return context.isEmpty() ? "defaults"
        : context.entrySet().stream().map(e -> "-c " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }
}
