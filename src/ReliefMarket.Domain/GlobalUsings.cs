global using ReliefMarket.Domain;
