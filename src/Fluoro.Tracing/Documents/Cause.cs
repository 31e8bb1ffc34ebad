using System.Text.Json.Serialization;

namespace Fluoro.Tracing.Documents;

/// <summary>
/// The <c>cause</c> field. On the wire it is either a 16-hex exception id (when the exception is recorded in
/// another (sub)segment of the trace) or an object with the working directory, source paths and exceptions.
/// </summary>
[JsonConverter(typeof(CauseJsonConverter))]
public sealed class Cause
{
    /// <summary>Set for the reference form: the id of an exception recorded elsewhere. The other members are then ignored.</summary>
    public string? ExceptionId { get; set; }

    /// <summary>Working directory of the process.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Source paths or libraries involved.</summary>
    public List<string>? Paths { get; set; }

    /// <summary>The exceptions, outermost first.</summary>
    public List<ExceptionDetail>? Exceptions { get; set; }

    /// <summary>A cause that points at an exception recorded in another (sub)segment.</summary>
    public static Cause Reference(string exceptionId) => new() { ExceptionId = exceptionId };
}
