namespace ReliefMarket.Web.Data.Seed;

/// <summary>
/// The demo catalog, from the source article (Panyu District's aid to its paired counties, 2020).
/// County figures are the article's own. Villages named in the article keep their names, but the
/// article gives no per-village household counts, so those counts — and every producer, price and
/// stock level — are invented and flagged as demo data.
/// </summary>
internal static class DemoCatalog
{
    public sealed record CountySeed(string Code, string NameZh, string NameEn, string ProvinceZh, string ProvinceEn,
        string PrefectureZh, string PrefectureEn, AidProgramme Programme, string HeadlineZh, string HeadlineEn, string StoryZh, string StoryEn,
        double Latitude, double Longitude);

    public sealed record TownshipSeed(string County, string Code, string NameZh, string NameEn);

    public sealed record VillageSeed(string County, string? Township, string Code, string NameZh, string NameEn,
        int Households, int People, bool Designated, bool Exited, string StoryZh, string StoryEn);

    public sealed record ProducerSeed(string Code, string NameZh, string NameEn, ProducerKind Kind, string Village,
        int SupportedHouseholds, string StoryZh, string StoryEn, bool IsDemoData, (string Village, int BasisPoints)[] Shares);

    /// <summary>Certification: null = draft; "pending"; otherwise the certificate number (valid to the end of 2027).</summary>
    public sealed record ProductSeed(string Slug, string Producer, string NameZh, string NameEn, ProductCategory Category,
        string UnitZh, string UnitEn, long PriceFen, int Stock, string? Certificate, string DescriptionZh, string DescriptionEn);

    public static readonly DateOnly CertificatesValidUntil = new(2027, 12, 31);

    public static readonly CountySeed[] Counties =
    [
        new("wuhua", "五华县", "Wuhua County", "广东省", "Guangdong", "梅州市", "Meizhou", AidProgramme.InProvinceTargetedAid,
            "35条省定贫困村全部达到退出标准；建档立卡贫困户2279户8323人，截至2020年8月百分之百达到脱贫标准；累计投入扶贫资金27219.38万元。",
            "All 35 provincial-designated poor villages met the exit standard; 2,279 registered poor households (8,323 people) all reached the standard by August 2020; ¥272,193,800 of aid invested.",
            "番禺区精准帮扶五华县，坚持“造血式”产业扶贫：华城镇葵富村的荷花池与绿道，龙村镇南口村的蔬菜大棚和牛大力，湖中村的兰花与小龙虾，安全村的羊奶和教育基金。",
            "Panyu's targeted aid to Wuhua builds industries that last: the lotus pond and greenway of Kuifu, Nankou's vegetable greenhouses and niudali root, Huzhong's orchids and crayfish, Anquan's goat milk and education fund.", 23.9, 115.8),
        new("weining", "威宁县", "Weining County", "贵州省", "Guizhou", "毕节市", "Bijie", AidProgramme.EastWestCollaboration,
            "建档立卡贫困户73471户340036人；2019年贫困人口降至12129户38257人；广州帮扶资金7950万元。",
            "73,471 registered poor households (340,036 people); down to 12,129 households (38,257 people) in 2019; ¥79,500,000 of Guangzhou funds disbursed.",
            "威宁彝族回族苗族自治县。小海镇坪山村的1号帮扶农地“菜篮子”基地提供上百个就业机会，每人每天增收80–100元。6月18日，草海湖畔的直播公益活动拉开了威宁土豆出山的大幕。",
            "Weining Yi, Hui and Miao Autonomous County. The no. 1 \"vegetable basket\" base in Pingshan village, Xiaohai township, created over a hundred jobs paying ¥80–100 a day. On 18 June a charity livestream by Caohai lake sent Weining potatoes \"out of the mountains\".", 26.9, 104.3),
        new("hezhang", "赫章县", "Hezhang County", "贵州省", "Guizhou", "毕节市", "Bijie", AidProgramme.EastWestCollaboration,
            "农村贫困人口从2014年的20.9万人降至2019年的2.5万人，贫困发生率从27.19%降至3.26%；帮扶资金7000万元，比2019年增长55.5%。",
            "Rural poor fell from 209,000 (2014) to 25,000 (2019), incidence from 27.19% to 3.26%; ¥70,000,000 of aid, 55.5% more than in 2019.",
            "铁匠乡的广州港华鲜花育种育苗基地带动农户增收近400万元；自动售蛋柜进小区，销售赫章鸡蛋超过200万元；仅2020年一季度，番禺帮助销售赫章鸡蛋、鲜花、枣夹核桃等农产品2895万余元。",
            "The Ganghua flower breeding base in Tiejiang raised farmers' income by nearly ¥4,000,000; egg vending cabinets in residential compounds sold over ¥2,000,000 of Hezhang eggs; in Q1 2020 alone Panyu helped sell over ¥28,950,000 of Hezhang eggs, flowers and jujube-walnuts.", 27.1, 104.7),
        new("shufu", "疏附县", "Shufu County", "新疆维吾尔自治区", "Xinjiang", "喀什地区", "Kashgar", AidProgramme.PairedSupport,
            "对口支援：木什乡教育帮扶；大龙街、石壁街结对帮扶6个深度贫困村。",
            "Paired support: education aid in Mushi township; Dalong and Shibi streets paired with 6 deeply poor villages.",
            "番禺区对口支援疏附县，从教育入手，结对帮扶深度贫困村。",
            "Panyu's paired support for Shufu starts with education and pairs its streets with deeply poor villages.", 39.4, 75.9),
        new("bomi", "波密县", "Bomi County", "西藏自治区", "Tibet", "林芝市", "Nyingchi", AidProgramme.PairedSupport,
            "对口支援：易贡乡藏医诊所；沙玛村自来水工程。",
            "Paired support: a Tibetan-medicine clinic in Yigong township; tap water for Shama village.",
            "番禺区对口支援波密县，建设易贡乡藏医诊所，为沙玛村接通自来水。",
            "Panyu's paired support for Bomi built a Tibetan-medicine clinic in Yigong township and brought tap water to Shama village.", 29.9, 95.8),
    ];

    public static readonly TownshipSeed[] Townships =
    [
        new("wuhua", "huacheng", "华城镇", "Huacheng"),
        new("wuhua", "longcun", "龙村镇", "Longcun"),
        new("weining", "xiaohai", "小海镇", "Xiaohai"),
        new("weining", "caohai", "草海镇", "Caohai"),
        new("hezhang", "tiejiang", "铁匠乡", "Tiejiang"),
        new("hezhang", "hezhen", "河镇乡", "Hezhen"),
        new("shufu", "mushi", "木什乡", "Mushi"),
        new("bomi", "yigong", "易贡乡", "Yigong"),
    ];

    public static readonly VillageSeed[] Villages =
    [
        new("wuhua", "huacheng", "kuifu", "葵富村", "Kuifu", 58, 212, true, true,
            "番禺区帮扶打造10亩荷花池，环村修建绿道、安装路灯。", "Panyu built a 10-mu lotus pond, a greenway around the village and street lights."),
        new("wuhua", null, "wenkui", "文葵村", "Wenkui", 46, 171, true, true,
            "番禺区教育局对口帮扶，文葵小学教学楼、操场焕新貌。", "With the Panyu education bureau's help, Wenkui's school buildings and playground were renewed."),
        new("wuhua", "longcun", "nankou", "南口村", "Nankou", 63, 240, true, true,
            "蔬菜大棚让贫困群众就近就业；35亩牛大力提前被企业预订；从2020年起免除公共道路路灯电费。",
            "Vegetable greenhouses employ poor households close to home; 35 mu of niudali root were pre-sold to companies; street-light fees waived from 2020."),
        new("wuhua", null, "huzhong", "湖中村", "Huzhong", 71, 265, true, true,
            "兰花种植项目到2019年底为村集体和贫困户增收63.13万元；近100亩小龙虾养殖项目开辟新的增收渠道。",
            "The orchid project raised village and household income by ¥631,300 by the end of 2019; a crayfish farm of nearly 100 mu opened a new source of income."),
        new("wuhua", null, "anquan", "安全村", "Anquan", 52, 198, true, true,
            "“每天早上4点多起来挤羊奶，累一点也值得！”安全村教育基金每年5万元，自2016年起共投入20万元。",
            "\"Up at 4 am to milk the goats — worth it!\" The village education fund receives ¥50,000 a year, ¥200,000 since 2016."),
        new("weining", "xiaohai", "pingshan", "坪山村", "Pingshan", 214, 903, true, false,
            "1号帮扶农地“菜篮子”基地：山上猪场子，山下菜篮子，中间乐院子。组组通公路一个月建成。",
            "No. 1 \"vegetable basket\" base: pigs up the hill, vegetables below, homes in between. The village road was built in one month."),
        new("weining", "caohai", "caohai-demo", "草海示范村", "Caohai demo village", 180, 742, true, false,
            "演示数据：草海湖畔的马铃薯种植村。", "Demo data: a potato-growing village by Caohai lake."),
        new("hezhang", "tiejiang", "tiejiang-demo", "铁匠示范村", "Tiejiang demo village", 132, 545, true, false,
            "演示数据：广州港华鲜花育种育苗基地所在地，30多个贫困劳动力在基地稳定就业。",
            "Demo data: home of the Ganghua flower breeding base, where over 30 poor labourers have steady jobs."),
        new("hezhang", "hezhen", "hezhen-demo", "河镇示范村", "Hezhen demo village", 156, 633, true, false,
            "演示数据：山地散养鸡和核桃种植村。", "Demo data: a village of free-range hens and walnut groves."),
        new("shufu", "mushi", "mushi-demo", "木什示范村", "Mushi demo village", 120, 498, true, false,
            "演示数据：木什乡的葡萄种植村。", "Demo data: a grape-growing village in Mushi township."),
        new("bomi", "yigong", "shama", "沙玛村", "Shama", 38, 151, true, false,
            "番禺区援建自来水工程，村民喝上了干净的自来水。", "Panyu's aid brought clean tap water to the village."),
    ];

    public static readonly ProducerSeed[] Producers =
    [
        new("weining-potato-coop", "威宁高原马铃薯专业合作社", "Weining Highland Potato Cooperative", ProducerKind.Cooperative, "caohai-demo", 126,
            "演示数据：收购坪山村和草海示范村农户种植的马铃薯，按收购量分配帮扶收益。",
            "Demo data: buys potatoes from growers in Pingshan and the Caohai demo village and shares the proceeds by volume.", true,
            [("pingshan", 6000), ("caohai-demo", 4000)]),
        new("pingshan-basket", "坪山村“菜篮子”蔬菜基地", "Pingshan \"Vegetable Basket\" Base", ProducerKind.Cooperative, "pingshan", 108,
            "1号帮扶农地“菜篮子”基地，为当地贫困群众提供上百个就业机会（合作社名称与户数为演示数据）。",
            "The no. 1 aid farm, with over a hundred jobs for local poor households (cooperative name and counts are demo data).", true,
            [("pingshan", 10000)]),
        new("ganghua-flowers", "广州港华鲜花育种育苗基地", "Ganghua Flower Breeding Base", ProducerKind.Enterprise, "tiejiang-demo", 30,
            "截至2019年底带动当地农户增收近400万元，帮助30多个贫困劳动力稳定就业；番禺区购买25万株北海道芝樱美化城市。",
            "Raised local farm income by nearly ¥4,000,000 by the end of 2019 and gave over 30 poor labourers steady jobs; Panyu bought 250,000 moss phlox plants for its roads.", false,
            [("tiejiang-demo", 10000)]),
        new("hezhang-eggs-coop", "赫章生态蛋鸡养殖合作社", "Hezhang Free-Range Egg Cooperative", ProducerKind.Cooperative, "hezhen-demo", 94,
            "演示数据：供应番禺小区自动售蛋柜的赫章鸡蛋。", "Demo data: supplies the Hezhang eggs sold in Panyu's egg vending cabinets.", true,
            [("hezhen-demo", 10000)]),
        new("hezhang-walnut-coop", "赫章核桃产业合作社", "Hezhang Walnut Cooperative", ProducerKind.Cooperative, "hezhen-demo", 77,
            "演示数据：核桃与枣夹核桃，原料来自河镇和铁匠两地农户。", "Demo data: walnuts and jujube-walnuts from growers in Hezhen and Tiejiang.", true,
            [("hezhen-demo", 5000), ("tiejiang-demo", 5000)]),
        new("nankou-niudali", "南口村牛大力种植合作社", "Nankou Niudali Cooperative", ProducerKind.Cooperative, "nankou", 41,
            "演示数据：南口村35亩牛大力，提前被企业预订。", "Demo data: Nankou's 35 mu of niudali root, pre-sold to companies.", true,
            [("nankou", 10000)]),
        new("huzhong-coop", "湖中村兰花与小龙虾合作社", "Huzhong Orchid & Crayfish Cooperative", ProducerKind.Cooperative, "huzhong", 53,
            "演示数据：湖中村兰花种植与近100亩小龙虾养殖。", "Demo data: Huzhong's orchid houses and nearly 100 mu of crayfish ponds.", true,
            [("huzhong", 10000)]),
        new("anquan-goat-milk", "安全村羊奶合作社", "Anquan Goat Milk Cooperative", ProducerKind.Cooperative, "anquan", 35,
            "演示数据：每天早上4点多起来挤羊奶。", "Demo data: milking starts before 4 am.", true,
            [("anquan", 10000)]),
        new("kuifu-lotus", "葵富村荷塘合作社", "Kuifu Lotus Pond Cooperative", ProducerKind.Cooperative, "kuifu", 22,
            "演示数据：来自10亩荷花池的莲子。", "Demo data: lotus seeds from the 10-mu lotus pond.", true,
            [("kuifu", 10000)]),
        new("shufu-raisins", "疏附木什葡萄合作社", "Shufu Mushi Grape Cooperative", ProducerKind.Cooperative, "mushi-demo", 64,
            "演示数据：喀什阳光晾晒的葡萄干。", "Demo data: raisins dried in the Kashgar sun.", true,
            [("mushi-demo", 10000)]),
        new("yigong-tea", "波密易贡茶叶合作社", "Bomi Yigong Tea Cooperative", ProducerKind.Cooperative, "shama", 27,
            "演示数据：易贡乡高山茶园，收益部分用于沙玛村。", "Demo data: Yigong's highland tea gardens, with part of the proceeds going to Shama.", true,
            [("shama", 10000)]),
    ];

    public static readonly ProductSeed[] Products =
    [
        new("weining-potatoes", "weining-potato-coop", "威宁土豆", "Weining potatoes", ProductCategory.PotatoesAndVegetables,
            "5公斤/箱", "5 kg box", 3990, 320, "WN-2020-0618",
            "高原冷凉气候种出的黄心土豆，绵软香甜，亮相广州塔的“贵州威宁土豆”。土豆的十种吃法，从这一箱开始。",
            "Yellow-fleshed potatoes from the cool highlands — the \"Guizhou Weining potatoes\" shown at Canton Tower. Ten ways to eat potatoes start with this box."),
        new("pingshan-vegetable-box", "pingshan-basket", "坪山蔬菜箱", "Pingshan vegetable box", ProductCategory.PotatoesAndVegetables,
            "4公斤/箱", "4 kg box", 5900, 140, "WN-2020-0102",
            "“菜篮子”基地当季采摘的时令蔬菜组合。", "A seasonal mix picked at the \"vegetable basket\" base."),
        new("hezhang-eggs", "hezhang-eggs-coop", "赫章鸡蛋", "Hezhang eggs", ProductCategory.Eggs,
            "30枚/盒", "box of 30", 3990, 500, "HZ-2020-0031",
            "山地散养土鸡蛋，番禺小区自动售蛋柜里的畅销货。", "Free-range eggs from the hills — the best seller of Panyu's egg vending cabinets."),
        new("hezhang-jujube-walnuts", "hezhang-walnut-coop", "赫章枣夹核桃", "Hezhang jujube-walnuts", ProductCategory.NutsAndDriedFruit,
            "500克/袋", "500 g bag", 4500, 260, "HZ-2020-0077",
            "红枣夹核桃仁，香甜酥脆。", "Red jujubes stuffed with walnut — sweet and crunchy."),
        new("hezhang-walnuts", "hezhang-walnut-coop", "赫章核桃", "Hezhang walnuts", ProductCategory.NutsAndDriedFruit,
            "1公斤/袋", "1 kg bag", 5800, 180, "HZ-2020-0078",
            "薄壳核桃，手捏即开。", "Thin-shelled walnuts that crack by hand."),
        new("tiejiang-fresh-flowers", "ganghua-flowers", "铁匠乡鲜切花", "Tiejiang fresh-cut flowers", ProductCategory.FlowersAndSeedlings,
            "20枝/束", "bunch of 20", 6900, 90, "HZ-2020-0150",
            "港华鲜花基地的鲜切花，冷链直送。", "Fresh-cut flowers from the Ganghua base, shipped chilled."),
        new("tiejiang-moss-phlox", "ganghua-flowers", "北海道芝樱种苗", "Hokkaido moss phlox seedlings", ProductCategory.FlowersAndSeedlings,
            "50株/盘", "tray of 50", 8800, 0, "HZ-2020-0151",
            "番禺道路和大夫山森林公园种下的25万株“扶贫之花”，同一基地育苗。",
            "The same seedlings as the 250,000 \"flowers of poverty relief\" planted on Panyu's roads and in Dafushan Forest Park."),
        new("wuhua-niudali", "nankou-niudali", "五华牛大力", "Wuhua niudali root", ProductCategory.Herbs,
            "500克/袋", "500 g bag", 7800, 120, "WH-2020-0035",
            "南口村种植的牛大力，切片晒干，煲汤佳品。", "Niudali (Millettia speciosa) root from Nankou, sliced and dried for soup."),
        new("huzhong-orchids", "huzhong-coop", "湖中兰花", "Huzhong orchids", ProductCategory.FlowersAndSeedlings,
            "1盆", "1 pot", 12800, 45, "WH-2020-0063",
            "湖中村兰花种植项目出品。", "From Huzhong's orchid project."),
        new("huzhong-crayfish", "huzhong-coop", "湖中小龙虾", "Huzhong crayfish", ProductCategory.Aquatic,
            "2公斤/箱", "2 kg box", 13800, 60, "pending",
            "近100亩稻田养殖的小龙虾，鲜活冷链。", "Crayfish from nearly 100 mu of ponds, shipped live and chilled."),
        new("anquan-goat-milk", "anquan-goat-milk", "安全村羊奶", "Anquan goat milk", ProductCategory.Dairy,
            "200毫升×10瓶", "10 × 200 ml", 6800, 75, "WH-2020-0090",
            "每天清晨现挤的羊奶，巴氏杀菌。", "Milked at dawn every day, pasteurised."),
        new("kuifu-lotus-seeds", "kuifu-lotus", "葵富莲子", "Kuifu lotus seeds", ProductCategory.NutsAndDriedFruit,
            "250克/袋", "250 g bag", 3600, 150, null,
            "葵富村荷花池的通心白莲。", "Cored white lotus seeds from Kuifu's lotus pond."),
        new("shufu-raisins", "shufu-raisins", "疏附葡萄干", "Shufu raisins", ProductCategory.NutsAndDriedFruit,
            "500克/袋", "500 g bag", 3200, 210, "SF-2020-0012",
            "喀什阳光下自然晾干的绿葡萄干。", "Green raisins dried naturally in the Kashgar sun."),
        new("yigong-tea", "yigong-tea", "易贡茶", "Yigong tea", ProductCategory.Herbs,
            "250克/罐", "250 g tin", 9800, 40, "BM-2020-0005",
            "易贡乡高山茶园的绿茶。", "Green tea from Yigong's highland gardens."),
    ];
}
