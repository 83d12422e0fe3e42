namespace MailStreams.Host.Secrets;

/// <summary>
/// Adds the encrypted secrets file to the daemon's configuration when one is named: setting
/// <c>MailStreams:SecretsFile</c> or <c>MAILSTREAMS_SECRETS</c>; the identity from <c>MailStreams:SecretsIdentity</c>,
/// else as SOPS finds it. Its values override the environment; the command line's settings override it.
/// </summary>
internal static class SecretsConfiguration
{
    public const string FileSetting = "MailStreams:SecretsFile";
    public const string IdentitySetting = "MailStreams:SecretsIdentity";

    public static void Add(ConfigurationManager configuration, IReadOnlyDictionary<string, string?> settings)
    {
        var path = configuration[FileSetting] is { Length: > 0 } p ? p : Environment.GetEnvironmentVariable("MAILSTREAMS_SECRETS");
        if (string.IsNullOrEmpty(path)) return;
        ((IConfigurationBuilder)configuration).Add(new SopsConfigurationSource(path, configuration[IdentitySetting]));
        configuration.AddInMemoryCollection(settings);
    }
}
