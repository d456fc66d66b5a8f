using System.Buffers.Binary;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

/// <summary>Uploads for the photo tests, made in memory.</summary>
public static class TestImages
{
    /// <summary>A JPEG as a phone writes it: sideways with an orientation tag, GPS coordinates in its EXIF.</summary>
    public static byte[] PhoneJpeg(int width = 3000, int height = 1000)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(120, 160, 80));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)6); // rotate 90° clockwise to display
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(26, 1), new Rational(52, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.Make, "TestPhone");
        image.Metadata.ExifProfile = exif;
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }

    public static byte[] Png(int width = 64, int height = 48)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(200, 100, 50, 255));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    public static readonly byte[] Html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    /// <summary>
    /// A PNG whose header says 20,000 × 20,000 (1.6 GB of pixels once decoded) with one tiny IDAT: a few bytes that
    /// only a decoder would expand. Made by hand, so building it costs nothing.
    /// </summary>
    public static byte[] HugePngHeader(int side = 20_000)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, side);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), side);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        Chunk(stream, "IHDR", ihdr);
        Chunk(stream, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
