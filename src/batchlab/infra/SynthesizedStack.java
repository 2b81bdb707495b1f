package batchlab.infra;

/** One synthesized stack: its CloudFormation stack name and its template as JSON. */
public record SynthesizedStack(String stackName, String templateJson) {}
