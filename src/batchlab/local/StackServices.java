package batchlab.local;

/** What a stack operation works with: the API operations it applies resources through, the account, the clock. */
record StackServices(Registry registry, EnvironmentOperations environments, SchedulingPolicyOperations policies,
    QueueOperations queues, DefinitionOperations definitions, Scheduler scheduler, Arns arns, long seed) {}
