using System.Diagnostics;

namespace MailStreams.Host.Tests.Cli;

/// <summary>Runs the real <c>mailstreams</c> program as a user would, and collects what it printed and its exit code.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mailstreams.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("RESEND_WEBHOOK_SECRET");
        start.Environment.Remove("MAILSTREAMS_URL");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
