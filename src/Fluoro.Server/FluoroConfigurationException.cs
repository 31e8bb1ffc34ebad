namespace Fluoro.Server;

/// <summary>A setting that prevents Fluoro from starting; the message tells the user what to change.</summary>
public sealed class FluoroConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FluoroConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FluoroConfigurationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public FluoroConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
