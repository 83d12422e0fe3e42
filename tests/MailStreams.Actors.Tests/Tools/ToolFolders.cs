using MailStreams.Mail;
using MailStreams.Testing;
using MailStreams.Tools;
using MailStreams.Tools.TypeScript;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailStreams.Actors.Tests.Tools;

/// <summary>Test support: the repository's real tools folder, temporary tools folders, and test emails.</summary>
internal static class ToolFolders
{
    /// <summary>A small statement limit so runaway loops stop quickly; a timeout generous for a busy machine.</summary>
    public static readonly ToolLimits FastLimits = new()
    {
        Timeout = TimeSpan.FromSeconds(5), MaxStatements = 2_000_000, MemoryBytes = 32L * 1024 * 1024, RecursionDepth = 256,
    };

    /// <summary>The <c>tools/</c> folder next to MailStreams.sln, found by walking up from the test output.</summary>
    public static string RepositoryTools()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MailStreams.sln"))) return Path.Combine(dir.FullName, "tools");
        }
        throw new DirectoryNotFoundException("MailStreams.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The repository's tools (TypeScript) through the activation gate: transpiled, loaded, $TESTS passed.</summary>
    public static async Task<ToolPackage> LoadRepositoryTools()
    {
        var gate = new ToolActivationGate(new ToolInvoker(ToolLimits.Default), new TypeScriptCompiler(),
            Path.Combine(Path.GetTempPath(), "mailstreams-test-builds"), NullLogger.Instance);
        var candidate = await gate.PrepareAsync(RepositoryTools(), "repository", default);
        return candidate.Package ?? throw new InvalidOperationException("the repository tools do not pass the gate: " + string.Join("; ", candidate.Problems));
    }

    /// <summary>Writes <paramref name="files"/> (relative path, source) into <paramref name="dir"/>.</summary>
    public static string Write(TempDirectory dir, params (string Path, string Source)[] files)
    {
        foreach (var (path, source) in files)
        {
            var full = Path.Combine(dir.Path, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, source);
        }
        return dir.Path;
    }

    /// <summary>Loads a package whose index.js is <paramref name="indexJs"/>.</summary>
    public static Task<ToolPackage> LoadIndex(TempDirectory dir, string indexJs, ToolLimits? limits = null) =>
        ToolPackage.LoadAsync(Write(dir, ("index.js", indexJs)), limits ?? FastLimits);

    public static Email Email(string? text, string subject = "Hello") => new()
    {
        Id = "email-1",
        Source = "local",
        From = "Ann Example <ann@example.org>",
        To = ["reverser@example.com"],
        Subject = subject,
        Text = text,
        Headers = new Dictionary<string, string> { ["x-mailer"] = "test" },
        ReceivedAt = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero),
    };
}
