namespace MailStreams.Testing;

/// <summary>Finds the vectors and fixtures copied next to the test assemblies.</summary>
public static class TestFiles
{
    public static string Vector(string name) => Path.Combine(AppContext.BaseDirectory, "Vectors", name);
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
    public static byte[] FixtureBytes(string name) => File.ReadAllBytes(Fixture(name));
}
