namespace Fluoro.Lambda.Tracing;

/// <summary>
/// Decides whether an Active-tracing invocation that carries no upstream decision is traced. Register
/// your own implementation (e.g. one backed by the X-Ray sampling rules) before calling AddFluoroLambda
/// to replace the built-in default rule.
/// </summary>
public interface ILambdaSampler
{
    /// <summary>True to trace the invocation.</summary>
    bool ShouldSample(LambdaSamplingRequest request);
}
