global using Microsoft.EntityFrameworkCore;
global using ReliefMarket.Domain;
global using ReliefMarket.Domain.Attribution;
global using ReliefMarket.Domain.Catalog;
global using ReliefMarket.Domain.Ordering;
global using ReliefMarket.Web.Data;
