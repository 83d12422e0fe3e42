using MailStreams.Hosting;

namespace MailStreams.Host.Secrets;

/// <summary>
/// Configuration from a SOPS-encrypted file (<c>MAILSTREAMS_SECRETS</c>): nested keys become <c>a:b</c>, top-level
/// <c>A__B</c> becomes <c>A:B</c>, and the seed's names (<c>RESEND_API_KEY</c>, …) map as they do in the environment.
/// The file is decrypted once, at start; a file that does not open stops the start with its error.
/// </summary>
internal sealed class SopsConfigurationSource(string path, string? identityFile) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(path, identityFile);

    private sealed class Provider(string path, string? identityFile) : ConfigurationProvider
    {
        public override void Load()
        {
            using var identity = AgeIdentity.Find(identityFile, Environment.GetEnvironmentVariable);
            var values = SecretsFile.Open(path, identity).Values;
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in values) data[key.Replace("__", ":")] = value;
            foreach (var (key, value) in EnvironmentAliases.From(name => values.FirstOrDefault(v => v.Key == name).Value)) data[key] = value;
            Data = data;
        }
    }
}
