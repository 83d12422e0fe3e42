using System.Diagnostics;

namespace MailStreams.Host.Tests.Cli;

/// <summary>Runs the real <c>mailstreams</c> program as a user would, and collects what it printed and its exit code.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(args, environment: null);

    /// <summary>Runs with extra environment variables and, if given, text on standard input.</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, string? input = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mailstreams.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("RESEND_WEBHOOK_SECRET");
        start.Environment.Remove("MAILSTREAMS_URL");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start mailstreams");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
