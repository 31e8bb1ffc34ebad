using System.CommandLine;
using Fluoro.Cli;
using Fluoro.Cli.Commands;

var root = new RootCommand("Fluoro: AWS Lambda and AWS X-Ray, self-hosted.")
{
    UpCommand.Create(),
    DaemonCommand.Create(),
    FunctionsCommand.Create(),
    DemoCommand.Create(),
};

// Signals are handled by the commands themselves so shutdown can drain the daemon without a forced deadline.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
