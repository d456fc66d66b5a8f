// bench/upload's worker. One measurement per process, so the peak working set belongs to that measurement alone.
//   make <file>                      writes a 12-megapixel (4000 × 3000) JPEG that compresses like a photo
//   copy <file> <n>                  copies the file n times in parallel (the baseline)
//   encode <file> <n> <limit>        re-encodes it n times in parallel through PhotoStore (at most <limit> at once)
// Prints one line: "<mode> files N seconds S files/s R MB/s M peak-MB P".
using System.Diagnostics;
using System.Globalization;
using ReliefMarket.Web.Listings;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var mode = args[0];
var file = args[1];
if (mode == "make")
{
    using var image = new Image<Rgb24>(4000, 3000);
    var random = new Random(12);
    image.ProcessPixelRows(rows =>
    {
        for (var y = 0; y < rows.Height; y++)
        {
            var row = rows.GetRowSpan(y);
            for (var x = 0; x < row.Length; x++)
            {
                // Smooth light and shade with some grain: a JPEG of a field, not of noise.
                var n = random.Next(24);
                row[x] = new Rgb24((byte)(60 + x * 120 / 4000 + n), (byte)(90 + y * 100 / 3000 + n), (byte)(40 + ((x / 7) ^ (y / 5)) % 60 + n));
            }
        }
    });
    await image.SaveAsJpegAsync(file, new JpegEncoder { Quality = 90 });
    Console.WriteLine($"made {file} {new FileInfo(file).Length / 1e6:F1} MB");
    return;
}

var count = int.Parse(args[2]);
var output = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, $"{mode}-out");
if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
Directory.CreateDirectory(output);
var bytes = await File.ReadAllBytesAsync(file);
var clock = Stopwatch.StartNew();
if (mode == "copy")
{
    await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => File.Copy(file, Path.Combine(output, $"{i}.jpg")))));
}
else
{
    var store = new PhotoStore(new PhotoOptions { Folder = output, MaxConcurrentEncodes = int.Parse(args[3]) }, output);
    var results = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
    {
        await using var upload = new MemoryStream(bytes, writable: false);
        return await store.SaveAsync(upload, bytes.Length, CancellationToken.None);
    })));
    if (results.Any(r => r.Photo is null)) throw new InvalidOperationException("refused: " + results.First(r => r.Photo is null).Refusal);
}
var seconds = clock.Elapsed.TotalSeconds;
using var self = Process.GetCurrentProcess();
self.Refresh();
Console.WriteLine($"{mode} files {count} seconds {seconds:F3} files/s {count / seconds:F2} MB/s {count * bytes.Length / 1e6 / seconds:F1} peak-MB {self.PeakWorkingSet64 / 1e6:F0}");
Directory.Delete(output, recursive: true);
