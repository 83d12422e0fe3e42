using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MailStreams.Host.Secrets;

/// <summary>
/// AES-GCM (NIST SP 800-38D) with a nonce of any length, as SOPS uses (32-byte IVs); .NET's <see cref="AesGcm"/> takes
/// 12-byte nonces only. Built on AES-ECB for the block function and a plain GHASH; meant for short values. Pure.
/// </summary>
internal static class AesGcmAnyNonce
{
    public const int TagSize = 16;

    public static (byte[] Ciphertext, byte[] Tag) Encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] additionalData)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var h = Block(aes, new byte[16]);
        var j0 = InitialCounter(h, nonce);
        var ciphertext = Ctr(aes, Increment(j0), plaintext);
        return (ciphertext, Tag(aes, h, j0, additionalData, ciphertext));
    }

    /// <summary>The plaintext, or a <see cref="CryptographicException"/> when the tag does not match.</summary>
    public static byte[] Decrypt(byte[] key, byte[] nonce, byte[] ciphertext, byte[] tag, byte[] additionalData)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var h = Block(aes, new byte[16]);
        var j0 = InitialCounter(h, nonce);
        var expected = Tag(aes, h, j0, additionalData, ciphertext);
        if (tag.Length != TagSize || !CryptographicOperations.FixedTimeEquals(expected, tag))
            throw new CryptographicException("authentication tag mismatch");
        return Ctr(aes, Increment(j0), ciphertext);
    }

    private static byte[] Block(Aes aes, byte[] input) => aes.EncryptEcb(input, PaddingMode.None);

    private static byte[] InitialCounter(byte[] h, byte[] nonce)
    {
        if (nonce.Length == 12)
        {
            var j = new byte[16];
            nonce.CopyTo(j, 0);
            j[15] = 1;
            return j;
        }
        var lengths = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(lengths.AsSpan(8), (ulong)nonce.Length * 8);
        return GHash(h, Padded(nonce), lengths);
    }

    private static byte[] Tag(Aes aes, byte[] h, byte[] j0, byte[] aad, byte[] ciphertext)
    {
        var lengths = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(lengths, (ulong)aad.Length * 8);
        BinaryPrimitives.WriteUInt64BigEndian(lengths.AsSpan(8), (ulong)ciphertext.Length * 8);
        var s = GHash(h, Padded(aad), Padded(ciphertext), lengths);
        var mask = Block(aes, j0);
        for (var i = 0; i < 16; i++) s[i] ^= mask[i];
        return s;
    }

    private static byte[] Ctr(Aes aes, byte[] counter, byte[] input)
    {
        var output = new byte[input.Length];
        var block = (byte[])counter.Clone();
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            var stream = Block(aes, block);
            for (var i = 0; i < 16 && offset + i < input.Length; i++) output[offset + i] = (byte)(input[offset + i] ^ stream[i]);
            block = Increment(block);
        }
        return output;
    }

    private static byte[] Increment(byte[] counter)
    {
        var next = (byte[])counter.Clone();
        var low = BinaryPrimitives.ReadUInt32BigEndian(next.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(next.AsSpan(12), unchecked(low + 1));
        return next;
    }

    private static byte[] Padded(byte[] data)
    {
        var padded = new byte[(data.Length + 15) / 16 * 16];
        data.CopyTo(padded, 0);
        return padded;
    }

    private static byte[] GHash(byte[] h, params byte[][] parts)
    {
        var y = new byte[16];
        foreach (var part in parts)
            for (var offset = 0; offset < part.Length; offset += 16)
            {
                for (var i = 0; i < 16; i++) y[i] ^= part[offset + i];
                y = Multiply(y, h);
            }
        return y;
    }

    /// <summary>Multiplication in GF(2^128) with GCM's bit order (SP 800-38D, algorithm 1).</summary>
    private static byte[] Multiply(byte[] x, byte[] y)
    {
        ulong zHi = 0, zLo = 0;
        ulong vHi = BinaryPrimitives.ReadUInt64BigEndian(y), vLo = BinaryPrimitives.ReadUInt64BigEndian(y.AsSpan(8));
        for (var i = 0; i < 128; i++)
        {
            if ((x[i / 8] >> (7 - i % 8) & 1) == 1) { zHi ^= vHi; zLo ^= vLo; }
            var carry = vLo & 1;
            vLo = (vLo >> 1) | (vHi << 63);
            vHi >>= 1;
            if (carry == 1) vHi ^= 0xE100000000000000UL;
        }
        var z = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(z, zHi);
        BinaryPrimitives.WriteUInt64BigEndian(z.AsSpan(8), zLo);
        return z;
    }
}
