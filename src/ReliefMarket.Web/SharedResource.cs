namespace ReliefMarket.Web;

/// <summary>Anchor type for the shop's strings in Resources/SharedResource*.resx (neutral = Simplified Chinese).</summary>
public sealed class SharedResource;
