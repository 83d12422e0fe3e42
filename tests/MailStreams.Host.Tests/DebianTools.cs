using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MailStreams.Host.Tests;

/// <summary>
/// The secrets tests run Debian's <c>age</c>, the deploy tests <c>shellcheck</c>: on a fresh machine (as root) they are
/// installed once, when this test assembly loads, so that <c>dotnet test MailStreams.sln</c> works as it is.
/// </summary>
internal static class DebianTools
{
    private static readonly (string Command, string Package)[] Needed = [("age", "age"), ("shellcheck", "shellcheck")];

#pragma warning disable CA2255 // a module initializer is the one place that runs before any test of this assembly
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void InstallMissing()
    {
        var missing = Needed.Where(n => !OnPath(n.Command)).Select(n => n.Package).ToArray();
        if (missing.Length == 0 || Environment.UserName != "root" || !OnPath("apt-get")) return;
        string[] install = ["install", "-y", "-qq", "--no-install-recommends", .. missing];
        if (Run("apt-get", install) != 0 && Run("apt-get", "update", "-qq") == 0) Run("apt-get", install);
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, command)));

    private static int Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
