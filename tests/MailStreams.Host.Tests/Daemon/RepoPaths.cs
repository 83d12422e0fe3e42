namespace MailStreams.Host.Tests.Daemon;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Tools => Path.Combine(Root, "tools");
    public static string TestTools => Path.Combine(Root, "tests", "MailStreams.Host.Tests", "TestTools");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailStreams.sln"))) return dir.FullName;
        throw new InvalidOperationException("MailStreams.sln not found above " + AppContext.BaseDirectory);
    }
}
