using MailStreams.Host.Secrets;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Secrets;

/// <summary>Fresh age identities (made by age-keygen) in a temporary directory.</summary>
internal sealed class AgeKeys : IDisposable
{
    private readonly TempDirectory _directory = new();

    public string Directory => _directory.Path;

    public (string File, string Recipient) New(string name)
    {
        var file = Path.Combine(_directory.Path, name + ".key");
        return (file, AgeTool.NewIdentity(file));
    }

    public AgeIdentity Identity(string file) => AgeIdentity.Find(file, _ => null);

    public void Dispose() => _directory.Dispose();
}
