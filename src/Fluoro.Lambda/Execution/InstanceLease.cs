namespace Fluoro.Lambda.Execution;

/// <summary>An instance handed to one invocation; <see cref="Cold"/> when it still has to be started.</summary>
internal readonly record struct InstanceLease(FunctionInstance Instance, bool Cold);
