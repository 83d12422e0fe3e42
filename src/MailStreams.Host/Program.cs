using MailStreams.Host.Cli;

namespace MailStreams.Host;

/// <summary>The <c>mailstreams</c> command: the daemon and the tools around it. Bad usage exits with 2.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => MailStreamsCli.RunAsync(args);
}
