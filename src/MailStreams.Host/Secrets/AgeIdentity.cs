namespace MailStreams.Host.Secrets;

/// <summary>
/// Where the age identity (private key) comes from, as SOPS looks for it: an explicit file, <c>SOPS_AGE_KEY_FILE</c>,
/// <c>SOPS_AGE_KEY</c> (the key itself, written to a private temporary file while in use), or
/// <c>~/.config/sops/age/keys.txt</c>. Disposing removes the temporary file.
/// </summary>
internal sealed class AgeIdentity : IDisposable
{
    private readonly string? _temporary;

    private AgeIdentity(string file, string source, string? temporary = null)
    {
        File = file;
        Source = source;
        _temporary = temporary;
    }

    public string File { get; }

    /// <summary>Where it came from, for error messages.</summary>
    public string Source { get; }

    public static AgeIdentity Find(string? explicitFile, Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(explicitFile)) return Existing(explicitFile, explicitFile);
        if (environment("SOPS_AGE_KEY_FILE") is { Length: > 0 } file) return Existing(file, "SOPS_AGE_KEY_FILE=" + file);
        if (environment("SOPS_AGE_KEY") is { Length: > 0 } key)
        {
            var directory = Directory.CreateTempSubdirectory("mailstreams-age-");
            var path = Path.Combine(directory.FullName, "keys.txt");
            System.IO.File.WriteAllText(path, key.Trim() + "\n");
            if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return new AgeIdentity(path, "SOPS_AGE_KEY", directory.FullName);
        }
        var home = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(environment("HOME") ?? "~", ".config");
        var standard = Path.Combine(home, "sops", "age", "keys.txt");
        if (System.IO.File.Exists(standard)) return new AgeIdentity(standard, standard);
        throw new SecretsException("no age identity: set SOPS_AGE_KEY_FILE (a key file) or SOPS_AGE_KEY (the key), or create " + standard);
    }

    private static AgeIdentity Existing(string file, string source) =>
        System.IO.File.Exists(file) ? new AgeIdentity(file, source) : throw new SecretsException($"the age identity file {file} does not exist");

    public void Dispose()
    {
        if (_temporary is not null && Directory.Exists(_temporary)) Directory.Delete(_temporary, recursive: true);
    }
}
