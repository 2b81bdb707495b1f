package batchlab.local;

/** The vCPUs and memory a job asks for (its resourceRequirements after overrides). */
record Resources(int vcpus, int memoryMiB) {}
