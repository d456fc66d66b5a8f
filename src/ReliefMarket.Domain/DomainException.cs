namespace ReliefMarket.Domain;

/// <summary>A rule of the domain was broken: an illegal transition or an invalid value.</summary>
public sealed class DomainException(string message) : Exception(message);
