"""Raw multilingual vocabulary for the demo catalog (see :mod:`kuajing.market.vocab` for the API).

Every entry is ``(key, zh, en, vi, es, th)``.  Conventions:

* en is written in Title Case as it appears in titles; vi/es in lower case (the composer capitalises
  the first letter of a title); th in Thai script.
* Spanish nouns are ``"head|tail"``: adjectives and the material go between the two parts
  ("camiseta" + "holgada de algodón" + "para hombre"); a noun also carries its grammatical gender
  and number so that adjectives agree.  Spanish adjectives are given in the masculine singular.
"""

from __future__ import annotations

# fmt: off

Row = tuple[str, str, str, str, str, str]

# (key, zh, en, vi, es, th, es_gender "m"/"f", es_plural, avoid adjective keys)
NounRow = tuple[str, str, str, str, str, str, str, bool, tuple[str, ...]]

# Top-level categories: (key, zh, en, vi, es, th), adjective tags, leaves.
# Leaves: (key, zh, en, vi, es, th), shape, materials, size chart, SKU properties, nouns.
CATEGORIES: list[
    tuple[
        Row,
        tuple[str, ...],
        list[tuple[Row, str, tuple[str, ...], str | None, tuple[str, ...], list[NounRow]]],
    ]
] = [
    (
        ("clothing", "服装", "Clothing", "quần áo", "ropa", "เสื้อผ้า"),
        ("wear", "apparel"),
        [
            (
                ("mens_tops", "男装上衣", "Men's Tops", "áo nam", "camisetas y camisas de hombre", "เสื้อผู้ชาย"),
                "shirt",
                ("cotton", "linen", "polyester"),
                "apparel",
                ("color", "size"),
                [
                    ("mens_tshirt", "男士T恤", "Men's T-Shirt", "áo thun nam", "camiseta|para hombre", "เสื้อยืดผู้ชาย", "f", False, ()),
                    ("mens_shirt", "男士衬衫", "Men's Shirt", "áo sơ mi nam", "camisa|para hombre", "เสื้อเชิ้ตผู้ชาย", "f", False, ()),
                    ("mens_hoodie", "男士卫衣", "Men's Hoodie", "áo hoodie nam", "sudadera|con capucha para hombre", "เสื้อฮู้ดผู้ชาย", "f", False, ()),
                    ("mens_polo", "男士Polo衫", "Men's Polo Shirt", "áo polo nam", "polo|para hombre", "เสื้อโปโลผู้ชาย", "m", False, ()),
                    ("mens_jacket", "男士夹克", "Men's Jacket", "áo khoác nam", "chaqueta|para hombre", "เสื้อแจ็คเก็ตผู้ชาย", "f", False, ()),
                ],
            ),
            (
                ("womens_dresses", "女装裙装", "Women's Dresses & Skirts", "váy đầm nữ", "vestidos y faldas de mujer", "ชุดเดรสและกระโปรง"),
                "dress",
                ("cotton", "linen", "polyester"),
                "apparel",
                ("color", "size"),
                [
                    ("dress", "连衣裙", "Dress", "váy liền", "vestido|", "ชุดเดรส", "m", False, ()),
                    ("skirt", "半身裙", "Skirt", "chân váy", "falda|", "กระโปรง", "f", False, ()),
                    ("slip_dress", "吊带裙", "Slip Dress", "váy hai dây", "vestido|de tirantes", "เดรสสายเดี่ยว", "m", False, ()),
                    ("floral_dress", "碎花裙", "Floral Dress", "váy hoa", "vestido|de flores", "เดรสลายดอกไม้", "m", False, ()),
                    ("maxi_dress", "长裙", "Maxi Dress", "váy dài", "vestido largo|", "เดรสยาว", "m", False, ()),
                ],
            ),
            (
                ("trousers", "裤装", "Pants", "quần", "pantalones", "กางเกง"),
                "trousers",
                ("cotton", "polyester", "linen"),
                "apparel",
                ("color", "size"),
                [
                    ("jeans", "牛仔裤", "Jeans", "quần jean", "vaqueros|", "กางเกงยีนส์", "m", True, ()),
                    ("sweatpants", "运动裤", "Sweatpants", "quần jogger", "pantalones|de chándal", "กางเกงวอร์ม", "m", True, ("sporty",)),
                    ("shorts", "短裤", "Shorts", "quần short", "pantalones cortos|", "กางเกงขาสั้น", "m", True, ()),
                    ("wide_leg_pants", "阔腿裤", "Wide-Leg Pants", "quần ống rộng", "pantalones|de pierna ancha", "กางเกงขากว้าง", "m", True, ("slim",)),
                    ("leggings", "打底裤", "Leggings", "quần legging", "mallas|", "กางเกงเลกกิ้ง", "f", True, ("loose",)),
                ],
            ),
            (
                ("kids_clothing", "童装", "Kids' Clothing", "quần áo trẻ em", "ropa infantil", "เสื้อผ้าเด็ก"),
                "shirt",
                ("cotton", "polyester"),
                "kids",
                ("color", "size"),
                [
                    ("kids_tshirt", "儿童T恤", "Kids' T-Shirt", "áo thun trẻ em", "camiseta|infantil", "เสื้อยืดเด็ก", "f", False, ()),
                    ("kids_outfit", "儿童套装", "Kids' Outfit Set", "bộ quần áo trẻ em", "conjunto|infantil", "ชุดเซ็ตเด็ก", "m", False, ()),
                    ("baby_romper", "婴儿连体衣", "Baby Romper", "bộ body em bé", "pelele|para bebé", "ชุดบอดี้สูทเด็กอ่อน", "m", False, ()),
                    ("kids_coat", "儿童外套", "Kids' Coat", "áo khoác trẻ em", "abrigo|infantil", "เสื้อโค้ทเด็ก", "m", False, ()),
                ],
            ),
        ],
    ),
    (
        ("shoes", "鞋靴", "Shoes", "giày dép", "calzado", "รองเท้า"),
        ("wear", "footwear"),
        [
            (
                ("sneakers", "运动鞋", "Sneakers", "giày thể thao", "zapatillas deportivas", "รองเท้าผ้าใบ"),
                "shoe",
                ("canvas", "pu_leather", "leather"),
                "shoes",
                ("color", "size"),
                [
                    ("mens_sneakers", "男士运动鞋", "Men's Sneakers", "giày thể thao nam", "zapatillas|para hombre", "รองเท้าผ้าใบผู้ชาย", "f", True, ()),
                    ("womens_running_shoes", "女士跑步鞋", "Women's Running Shoes", "giày chạy bộ nữ", "zapatillas|de running para mujer", "รองเท้าวิ่งผู้หญิง", "f", True, ()),
                    ("skate_shoes", "板鞋", "Skate Shoes", "giày trượt ván", "zapatillas|de skate", "รองเท้าสเก็ต", "f", True, ()),
                    ("chunky_sneakers", "老爹鞋", "Chunky Sneakers", "giày sneaker đế độn", "zapatillas|de suela gruesa", "รองเท้าผ้าใบพื้นหนา", "f", True, ()),
                ],
            ),
            (
                ("sandals", "凉鞋拖鞋", "Sandals & Slippers", "dép và sandal", "sandalias y chanclas", "รองเท้าแตะและรัดส้น"),
                "shoe",
                ("pu_leather", "plastic", "leather"),
                "shoes",
                ("color", "size"),
                [
                    ("sandals", "凉鞋", "Sandals", "giày sandal", "sandalias|", "รองเท้ารัดส้น", "f", True, ()),
                    ("slippers", "拖鞋", "Slippers", "dép lê", "chanclas|", "รองเท้าแตะ", "f", True, ()),
                    ("clogs", "洞洞鞋", "Clogs", "dép sục", "zuecos|", "รองเท้าหัวโต", "m", True, ()),
                ],
            ),
            (
                ("boots", "靴子", "Boots", "giày bốt", "botas", "รองเท้าบูท"),
                "shoe",
                ("leather", "pu_leather", "canvas"),
                "shoes",
                ("color", "size"),
                [
                    ("combat_boots", "马丁靴", "Combat Boots", "bốt Martin", "botas|de combate", "รองเท้าบูทมาร์ติน", "f", True, ()),
                    ("snow_boots", "雪地靴", "Snow Boots", "bốt đi tuyết", "botas|de nieve", "รองเท้าบูทลุยหิมะ", "f", True, ()),
                    ("ankle_boots", "短靴", "Ankle Boots", "bốt cổ ngắn", "botines|", "รองเท้าบูทหุ้มข้อ", "m", True, ()),
                ],
            ),
        ],
    ),
    (
        ("bags", "箱包", "Bags & Luggage", "túi xách và vali", "bolsos y equipaje", "กระเป๋า"),
        ("wear", "carry"),
        [
            (
                ("handbags", "女包", "Women's Bags", "túi xách nữ", "bolsos de mujer", "กระเป๋าผู้หญิง"),
                "bag",
                ("pu_leather", "leather", "canvas"),
                None,
                ("color",),
                [
                    ("shoulder_bag", "单肩包", "Shoulder Bag", "túi đeo vai", "bolso|de hombro", "กระเป๋าสะพายไหล่", "m", False, ()),
                    ("crossbody_bag", "斜挎包", "Crossbody Bag", "túi đeo chéo", "bolso|bandolera", "กระเป๋าสะพายข้าง", "m", False, ()),
                    ("tote_bag", "托特包", "Tote Bag", "túi tote", "bolso|tote", "กระเป๋าโท้ท", "m", False, ()),
                    ("clutch", "手拿包", "Clutch", "ví cầm tay", "cartera|de mano", "กระเป๋าคลัทช์", "f", False, ()),
                ],
            ),
            (
                ("backpacks", "双肩包", "Backpacks", "ba lô", "mochilas", "กระเป๋าเป้"),
                "bag",
                ("canvas", "polyester", "pu_leather"),
                None,
                ("color", "spec"),
                [
                    ("backpack", "双肩背包", "Backpack", "ba lô", "mochila|", "กระเป๋าเป้สะพายหลัง", "f", False, ()),
                    ("laptop_bag", "电脑包", "Laptop Bag", "túi đựng laptop", "mochila|para portátil", "กระเป๋าโน้ตบุ๊ก", "f", False, ()),
                    ("school_bag", "书包", "School Bag", "cặp sách", "mochila|escolar", "กระเป๋านักเรียน", "f", False, ()),
                ],
            ),
            (
                ("luggage", "旅行箱", "Luggage", "vali", "maletas", "กระเป๋าเดินทาง"),
                "bag",
                ("plastic", "polyester", "alloy"),
                "generic",
                ("color", "size"),
                [
                    ("trolley_suitcase", "拉杆箱", "Trolley Suitcase", "vali kéo", "maleta|con ruedas", "กระเป๋าเดินทางล้อลาก", "f", False, ()),
                    ("carry_on", "登机箱", "Carry-On Suitcase", "vali xách tay", "maleta|de cabina", "กระเป๋าขึ้นเครื่อง", "f", False, ()),
                    ("travel_organizer", "旅行收纳袋", "Travel Organizer Bag", "túi đựng đồ du lịch", "bolsa|organizadora de viaje", "กระเป๋าจัดระเบียบเดินทาง", "f", False, ()),
                ],
            ),
        ],
    ),
    (
        ("phone_accessories", "手机配件", "Phone Accessories", "phụ kiện điện thoại", "accesorios para móviles", "อุปกรณ์เสริมมือถือ"),
        ("gadget",),
        [
            (
                ("phone_cases", "手机壳膜", "Phone Cases & Protectors", "ốp lưng và kính cường lực", "fundas y protectores", "เคสและฟิล์มโทรศัพท์"),
                "phone",
                ("silicone", "plastic", "pu_leather"),
                None,
                ("color", "spec"),
                [
                    ("phone_case", "手机壳", "Phone Case", "ốp lưng điện thoại", "funda|para móvil", "เคสโทรศัพท์", "f", False, ()),
                    ("iphone15_case", "苹果15手机壳", "iPhone 15 Case", "ốp lưng iPhone 15", "funda|para iPhone 15", "เคส iPhone 15", "f", False, ()),
                    ("screen_protector", "钢化膜", "Tempered Glass Screen Protector", "kính cường lực", "protector|de pantalla de vidrio templado", "ฟิล์มกระจกนิรภัย", "m", False, ("wireless", "fast_charging")),
                    ("phone_stand", "手机支架", "Phone Stand", "giá đỡ điện thoại", "soporte|para móvil", "ขาตั้งโทรศัพท์", "m", False, ("fast_charging",)),
                ],
            ),
            (
                ("chargers", "充电器数据线", "Chargers & Cables", "sạc và cáp", "cargadores y cables", "ที่ชาร์จและสายชาร์จ"),
                "phone",
                ("plastic", "alloy"),
                None,
                ("color", "spec"),
                [
                    ("charger", "充电器", "Charger", "củ sạc", "cargador|", "หัวชาร์จ", "m", False, ()),
                    ("charging_cable", "数据线", "Charging Cable", "cáp sạc", "cable|de carga", "สายชาร์จ", "m", False, ("wireless",)),
                    ("power_bank", "充电宝", "Power Bank", "sạc dự phòng", "batería externa|", "พาวเวอร์แบงค์", "f", False, ()),
                    ("car_charger", "车载充电器", "Car Charger", "sạc ô tô", "cargador|para coche", "ที่ชาร์จในรถยนต์", "m", False, ()),
                ],
            ),
            (
                ("earphones", "耳机", "Earphones", "tai nghe", "auriculares", "หูฟัง"),
                "headphones",
                ("plastic", "silicone", "alloy"),
                None,
                ("color", "spec"),
                [
                    ("bluetooth_earbuds", "蓝牙耳机", "Bluetooth Earbuds", "tai nghe bluetooth", "auriculares|bluetooth", "หูฟังบลูทูธ", "m", True, ()),
                    ("over_ear_headphones", "头戴式耳机", "Over-Ear Headphones", "tai nghe chụp tai", "auriculares|de diadema", "หูฟังครอบหู", "m", True, ()),
                    ("sports_earphones", "运动耳机", "Sports Earphones", "tai nghe thể thao", "auriculares deportivos|", "หูฟังออกกำลังกาย", "m", True, ()),
                    ("bone_conduction", "骨传导耳机", "Bone Conduction Headphones", "tai nghe dẫn truyền xương", "auriculares|de conducción ósea", "หูฟังนำเสียงผ่านกระดูก", "m", True, ()),
                ],
            ),
        ],
    ),
    (
        ("home_kitchen", "家居厨房", "Home & Kitchen", "nhà cửa và bếp", "hogar y cocina", "บ้านและครัว"),
        ("home",),
        [
            (
                ("drinkware", "水杯", "Drinkware", "ly cốc", "tazas y vasos", "แก้วน้ำ"),
                "cup",
                ("ceramic", "glass", "stainless_steel", "bamboo"),
                "capacity",
                ("color", "capacity"),
                [
                    ("mug", "马克杯", "Mug", "cốc", "taza|", "แก้วมัค", "f", False, ()),
                    ("coffee_cup", "咖啡杯", "Coffee Cup", "cốc cà phê", "taza|de café", "แก้วกาแฟ", "f", False, ()),
                    ("straw_cup", "吸管杯", "Straw Cup", "cốc có ống hút", "vaso|con pajita", "แก้วหลอดดูด", "m", False, ()),
                    ("couple_mugs", "情侣杯", "Couple Mugs", "cốc đôi", "tazas|para parejas", "แก้วคู่รัก", "f", True, ()),
                ],
            ),
            (
                ("bottles", "水壶保温瓶", "Water Bottles & Flasks", "bình nước và bình giữ nhiệt", "botellas y termos", "ขวดน้ำและกระติกน้ำ"),
                "bottle",
                ("stainless_steel", "plastic", "glass"),
                "capacity",
                ("color", "capacity"),
                [
                    ("vacuum_flask", "保温杯", "Vacuum Flask", "bình giữ nhiệt", "termo|", "กระติกน้ำเก็บอุณหภูมิ", "m", False, ()),
                    ("sports_bottle", "运动水壶", "Sports Water Bottle", "bình nước thể thao", "botella deportiva|", "ขวดน้ำกีฬา", "f", False, ()),
                    ("kids_bottle", "儿童水壶", "Kids' Water Bottle", "bình nước trẻ em", "botella|infantil", "ขวดน้ำเด็ก", "f", False, ()),
                ],
            ),
            (
                ("lighting", "灯具", "Lighting", "đèn", "iluminación", "โคมไฟ"),
                "lamp",
                ("alloy", "plastic", "wood"),
                None,
                ("color", "spec"),
                [
                    ("desk_lamp", "台灯", "Desk Lamp", "đèn bàn", "lámpara|de escritorio", "โคมไฟตั้งโต๊ะ", "f", False, ()),
                    ("night_light", "小夜灯", "Night Light", "đèn ngủ", "luz nocturna|", "ไฟกลางคืน", "f", False, ()),
                    ("floor_lamp", "落地灯", "Floor Lamp", "đèn cây", "lámpara|de pie", "โคมไฟตั้งพื้น", "f", False, ()),
                    ("led_strip", "LED灯带", "LED Strip Lights", "dây đèn LED", "tira|de luces LED", "ไฟเส้น LED", "f", False, ()),
                ],
            ),
            (
                ("furniture", "家具", "Furniture", "nội thất", "muebles", "เฟอร์นิเจอร์"),
                "chair",
                ("wood", "bamboo", "plastic", "alloy"),
                None,
                ("color", "style"),
                [
                    ("chair", "椅子", "Chair", "ghế", "silla|", "เก้าอี้", "f", False, ()),
                    ("stool", "小板凳", "Stool", "ghế đẩu", "taburete|", "เก้าอี้สตูล", "m", False, ()),
                    ("office_chair", "电脑椅", "Office Chair", "ghế văn phòng", "silla|de oficina", "เก้าอี้สำนักงาน", "f", False, ("foldable",)),
                    ("bean_bag", "懒人沙发", "Bean Bag Sofa", "ghế lười", "puf|", "โซฟาบีนแบ็ก", "m", False, ()),
                ],
            ),
        ],
    ),
    (
        ("toys", "玩具", "Toys", "đồ chơi", "juguetes", "ของเล่น"),
        ("kids",),
        [
            (
                ("plush_toys", "毛绒玩具", "Plush Toys", "thú nhồi bông", "peluches", "ตุ๊กตา"),
                "toy",
                ("polyester", "cotton"),
                "generic",
                ("color", "size"),
                [
                    ("plush_doll", "毛绒公仔", "Plush Doll", "thú nhồi bông", "peluche|", "ตุ๊กตาผ้า", "m", False, ()),
                    ("teddy_bear", "泰迪熊", "Teddy Bear", "gấu bông Teddy", "oso|de peluche", "ตุ๊กตาหมี", "m", False, ()),
                    ("plush_pillow", "抱枕玩偶", "Plush Pillow", "gối ôm thú bông", "cojín|de peluche", "หมอนตุ๊กตา", "m", False, ()),
                ],
            ),
            (
                ("blocks_puzzles", "积木拼图", "Blocks & Puzzles", "đồ chơi xếp hình", "bloques y puzles", "ตัวต่อและจิ๊กซอว์"),
                "toy",
                ("plastic", "wood"),
                None,
                ("spec",),
                [
                    ("building_blocks", "积木", "Building Blocks", "bộ xếp hình", "bloques|de construcción", "ตัวต่อ", "m", True, ()),
                    ("jigsaw_puzzle", "拼图", "Jigsaw Puzzle", "tranh ghép hình", "puzle|", "จิ๊กซอว์", "m", False, ()),
                    ("magic_cube", "魔方", "Magic Cube", "khối rubik", "cubo|de Rubik", "รูบิค", "m", False, ()),
                ],
            ),
            (
                ("rc_toys", "遥控玩具", "RC Toys", "đồ chơi điều khiển từ xa", "juguetes teledirigidos", "ของเล่นบังคับวิทยุ"),
                "toy",
                ("plastic", "alloy"),
                None,
                ("color", "spec"),
                [
                    ("rc_car", "遥控车", "RC Car", "xe điều khiển từ xa", "coche teledirigido|", "รถบังคับ", "m", False, ()),
                    ("drone", "无人机", "Drone", "flycam", "dron|", "โดรน", "m", False, ()),
                    ("rc_airplane", "遥控飞机", "RC Airplane", "máy bay điều khiển", "avión teledirigido|", "เครื่องบินบังคับ", "m", False, ()),
                ],
            ),
        ],
    ),
    (
        ("beauty", "美妆个护", "Beauty & Personal Care", "làm đẹp và chăm sóc cá nhân", "belleza y cuidado personal", "ความงามและของใช้ส่วนตัว"),
        ("beauty",),
        [
            (
                ("makeup", "彩妆", "Makeup", "trang điểm", "maquillaje", "เครื่องสำอาง"),
                "bottle",
                (),
                None,
                ("spec",),
                [
                    ("lipstick", "口红", "Lipstick", "son môi", "pintalabios|", "ลิปสติก", "m", False, ("moisturizing",)),
                    ("foundation", "粉底液", "Liquid Foundation", "kem nền", "base|de maquillaje líquida", "รองพื้น", "f", False, ()),
                    ("eyeshadow_palette", "眼影盘", "Eyeshadow Palette", "bảng phấn mắt", "paleta|de sombras", "พาเลทอายแชโดว์", "f", False, ("moisturizing",)),
                    ("mascara", "睫毛膏", "Mascara", "mascara", "máscara|de pestañas", "มาสคาร่า", "f", False, ("moisturizing",)),
                ],
            ),
            (
                ("skincare", "护肤", "Skin Care", "chăm sóc da", "cuidado de la piel", "ดูแลผิว"),
                "bottle",
                (),
                "capacity",
                ("capacity",),
                [
                    ("face_cream", "面霜", "Face Cream", "kem dưỡng da mặt", "crema|facial", "ครีมบำรุงผิวหน้า", "f", False, ()),
                    ("serum", "精华液", "Serum", "tinh chất dưỡng da", "sérum|", "เซรั่ม", "m", False, ()),
                    ("facial_cleanser", "洗面奶", "Facial Cleanser", "sữa rửa mặt", "limpiador|facial", "โฟมล้างหน้า", "m", False, ()),
                    ("sunscreen", "防晒霜", "Sunscreen", "kem chống nắng", "protector solar|", "ครีมกันแดด", "m", False, ()),
                    ("face_mask", "面膜", "Face Mask", "mặt nạ dưỡng da", "mascarilla|facial", "มาสก์หน้า", "f", False, ()),
                ],
            ),
        ],
    ),
    (
        ("sports", "运动户外", "Sports & Outdoors", "thể thao và dã ngoại", "deportes y aire libre", "กีฬาและกิจกรรมกลางแจ้ง"),
        ("sports",),
        [
            (
                ("ball_sports", "球类", "Ball Sports", "bóng thể thao", "deportes de pelota", "กีฬาประเภทลูกบอล"),
                "ball",
                ("pu_leather", "plastic"),
                None,
                ("color", "spec"),
                [
                    ("basketball", "篮球", "Basketball", "quả bóng rổ", "balón|de baloncesto", "ลูกบาสเกตบอล", "m", False, ()),
                    ("football", "足球", "Soccer Ball", "quả bóng đá", "balón|de fútbol", "ลูกฟุตบอล", "m", False, ()),
                    ("volleyball", "排球", "Volleyball", "quả bóng chuyền", "balón|de voleibol", "ลูกวอลเลย์บอล", "m", False, ()),
                    ("shuttlecock", "羽毛球", "Badminton Shuttlecock", "quả cầu lông", "volante|de bádminton", "ลูกขนไก่", "m", False, ()),
                ],
            ),
            (
                ("fitness", "健身器材", "Fitness Equipment", "dụng cụ tập gym", "equipamiento de fitness", "อุปกรณ์ฟิตเนส"),
                "ball",
                ("plastic", "silicone", "alloy"),
                None,
                ("color", "spec"),
                [
                    ("yoga_mat", "瑜伽垫", "Yoga Mat", "thảm tập yoga", "esterilla|de yoga", "เสื่อโยคะ", "f", False, ()),
                    ("dumbbell", "哑铃", "Dumbbell", "tạ tay", "mancuerna|", "ดัมเบล", "f", False, ("lightweight", "stretchy")),
                    ("yoga_ball", "瑜伽球", "Yoga Ball", "bóng tập yoga", "pelota|de yoga", "ลูกบอลโยคะ", "f", False, ()),
                    ("resistance_band", "弹力带", "Resistance Band", "dây kháng lực", "banda|de resistencia", "ยางยืดออกกำลังกาย", "f", False, ()),
                ],
            ),
            (
                ("camping", "户外露营", "Camping", "cắm trại", "camping", "แคมป์ปิ้ง"),
                "chair",
                ("alloy", "polyester", "canvas"),
                None,
                ("color", "spec"),
                [
                    ("camping_chair", "露营椅", "Camping Chair", "ghế cắm trại", "silla|de camping", "เก้าอี้แคมป์ปิ้ง", "f", False, ()),
                    ("camping_lantern", "露营灯", "Camping Lantern", "đèn cắm trại", "farol|de camping", "ตะเกียงแคมป์ปิ้ง", "m", False, ()),
                    ("tent", "帐篷", "Tent", "lều cắm trại", "tienda|de campaña", "เต็นท์", "f", False, ()),
                ],
            ),
        ],
    ),
    (
        ("electronics", "数码电子", "Electronics", "điện tử", "electrónica", "อิเล็กทรอนิกส์"),
        ("gadget",),
        [
            (
                ("wearables", "智能穿戴", "Smart Wearables", "thiết bị đeo thông minh", "dispositivos wearables", "อุปกรณ์สวมใส่อัจฉริยะ"),
                "watch",
                ("silicone", "alloy", "stainless_steel"),
                None,
                ("color", "spec"),
                [
                    ("smartwatch", "智能手表", "Smartwatch", "đồng hồ thông minh", "reloj|inteligente", "สมาร์ทวอทช์", "m", False, ("smart",)),
                    ("fitness_tracker", "运动手环", "Fitness Tracker", "vòng đeo tay theo dõi sức khỏe", "pulsera|de actividad", "สายรัดข้อมือเพื่อสุขภาพ", "f", False, ()),
                    ("kids_phone_watch", "儿童电话手表", "Kids' Phone Watch", "đồng hồ định vị trẻ em", "reloj|con GPS para niños", "นาฬิกาโทรศัพท์เด็ก", "m", False, ()),
                ],
            ),
            (
                ("audio", "音响", "Speakers & Audio", "loa và âm thanh", "altavoces y audio", "ลำโพงและเครื่องเสียง"),
                "headphones",
                ("plastic", "alloy", "wood"),
                None,
                ("color", "spec"),
                [
                    ("bluetooth_speaker", "蓝牙音箱", "Bluetooth Speaker", "loa bluetooth", "altavoz|bluetooth", "ลำโพงบลูทูธ", "m", False, ()),
                    ("microphone", "麦克风", "Microphone", "micro", "micrófono|", "ไมโครโฟน", "m", False, ()),
                    ("gaming_headset", "游戏耳机", "Gaming Headset", "tai nghe gaming", "auriculares|gaming", "หูฟังเกมมิ่ง", "m", True, ()),
                ],
            ),
            (
                ("computer_accessories", "电脑配件", "Computer Accessories", "phụ kiện máy tính", "accesorios de ordenador", "อุปกรณ์คอมพิวเตอร์"),
                "phone",
                ("plastic", "alloy"),
                None,
                ("color", "spec"),
                [
                    ("mouse", "鼠标", "Mouse", "chuột máy tính", "ratón|", "เมาส์", "m", False, ()),
                    ("mechanical_keyboard", "机械键盘", "Mechanical Keyboard", "bàn phím cơ", "teclado mecánico|", "คีย์บอร์ดแมคคานิคอล", "m", False, ()),
                    ("usb_hub", "USB集线器", "USB Hub", "bộ chia USB", "hub|USB", "ฮับ USB", "m", False, ("wireless",)),
                    ("mouse_pad", "鼠标垫", "Mouse Pad", "lót chuột", "alfombrilla|de ratón", "แผ่นรองเมาส์", "f", False, ("wireless", "fast_charging")),
                ],
            ),
        ],
    ),
    (
        ("stationery", "文具", "Stationery", "văn phòng phẩm", "papelería", "เครื่องเขียน"),
        ("office",),
        [
            (
                ("notebooks", "本册", "Notebooks", "sổ tay", "cuadernos", "สมุดโน้ต"),
                "book",
                (),
                None,
                ("color", "spec"),
                [
                    ("notebook", "笔记本", "Notebook", "sổ tay", "cuaderno|", "สมุดโน้ต", "m", False, ()),
                    ("planner", "手账本", "Planner", "sổ kế hoạch", "agenda|", "สมุดแพลนเนอร์", "f", False, ()),
                    ("sticky_notes", "便利贴", "Sticky Notes", "giấy nhớ", "notas adhesivas|", "กระดาษโน้ตกาว", "f", True, ()),
                    ("sketchbook", "素描本", "Sketchbook", "sổ vẽ phác thảo", "cuaderno|de dibujo", "สมุดสเก็ตช์", "m", False, ()),
                ],
            ),
            (
                ("pens", "笔类", "Pens & Pencils", "bút viết", "bolígrafos y lápices", "ปากกาและดินสอ"),
                "book",
                ("plastic", "alloy", "wood"),
                None,
                ("color", "spec"),
                [
                    ("gel_pen", "中性笔", "Gel Pen", "bút gel", "bolígrafo|de gel", "ปากกาเจล", "m", False, ()),
                    ("fountain_pen", "钢笔", "Fountain Pen", "bút máy", "pluma estilográfica|", "ปากกาหมึกซึม", "f", False, ()),
                    ("highlighter", "荧光笔", "Highlighter", "bút dạ quang", "rotulador fluorescente|", "ปากกาไฮไลท์", "m", False, ()),
                    ("colored_pencils", "彩色铅笔", "Colored Pencils", "bút chì màu", "lápices|de colores", "ดินสอสี", "m", True, ()),
                ],
            ),
        ],
    ),
    (
        ("pet_supplies", "宠物用品", "Pet Supplies", "đồ dùng thú cưng", "productos para mascotas", "อุปกรณ์สัตว์เลี้ยง"),
        ("pets",),
        [
            (
                ("pet_toys", "宠物玩具", "Pet Toys", "đồ chơi thú cưng", "juguetes para mascotas", "ของเล่นสัตว์เลี้ยง"),
                "ball",
                ("silicone", "cotton", "plastic"),
                "generic",
                ("color", "size"),
                [
                    ("dog_toy_ball", "狗狗玩具球", "Dog Toy Ball", "bóng đồ chơi cho chó", "pelota|para perros", "ลูกบอลของเล่นสุนัข", "f", False, ()),
                    ("cat_teaser", "逗猫棒", "Cat Teaser Wand", "cần câu mèo", "varita|para gatos", "ไม้ตกแมว", "f", False, ()),
                    ("chew_toy", "磨牙玩具", "Chew Toy", "đồ chơi gặm", "juguete mordedor|", "ของเล่นขัดฟัน", "m", False, ()),
                ],
            ),
            (
                ("pet_bowls", "宠物食具", "Pet Bowls & Feeders", "bát ăn thú cưng", "comederos para mascotas", "ชามอาหารสัตว์เลี้ยง"),
                "cup",
                ("stainless_steel", "ceramic", "plastic"),
                "generic",
                ("color", "size"),
                [
                    ("pet_bowl", "宠物碗", "Pet Bowl", "bát ăn cho thú cưng", "comedero|para mascotas", "ชามอาหารสัตว์เลี้ยง", "m", False, ()),
                    ("auto_feeder", "自动喂食器", "Automatic Pet Feeder", "máy cho ăn tự động", "comedero automático|", "เครื่องให้อาหารอัตโนมัติ", "m", False, ()),
                    ("pet_fountain", "宠物饮水机", "Pet Water Fountain", "máy uống nước cho thú cưng", "fuente|de agua para mascotas", "น้ำพุสัตว์เลี้ยง", "f", False, ()),
                ],
            ),
            (
                ("pet_beds", "宠物窝", "Pet Beds", "ổ nằm thú cưng", "camas para mascotas", "ที่นอนสัตว์เลี้ยง"),
                "chair",
                ("cotton", "polyester", "wood"),
                "generic",
                ("color", "size"),
                [
                    ("cat_bed", "猫窝", "Cat Bed", "ổ nằm cho mèo", "cama|para gatos", "ที่นอนแมว", "f", False, ()),
                    ("dog_bed", "狗窝", "Dog Bed", "ổ nằm cho chó", "cama|para perros", "ที่นอนสุนัข", "f", False, ()),
                    ("cat_tree", "猫爬架", "Cat Tree", "trụ cào móng cho mèo", "rascador|para gatos", "คอนโดแมว", "m", False, ()),
                ],
            ),
        ],
    ),
    (
        ("jewelry_watches", "珠宝手表", "Jewelry & Watches", "trang sức và đồng hồ", "joyería y relojes", "เครื่องประดับและนาฬิกา"),
        ("jewelry",),
        [
            (
                ("rings", "戒指", "Rings", "nhẫn", "anillos", "แหวน"),
                "ring",
                ("silver", "stainless_steel", "alloy"),
                "ring",
                ("color", "size"),
                [
                    ("ring", "戒指", "Ring", "nhẫn", "anillo|", "แหวน", "m", False, ()),
                    ("couple_rings", "情侣对戒", "Couple Rings", "nhẫn đôi", "anillos|de pareja", "แหวนคู่", "m", True, ()),
                    ("pinky_ring", "尾戒", "Pinky Ring", "nhẫn ngón út", "anillo|para el meñique", "แหวนนิ้วก้อย", "m", False, ()),
                ],
            ),
            (
                ("necklaces_earrings", "项链耳饰", "Necklaces & Earrings", "dây chuyền và bông tai", "collares y pendientes", "สร้อยคอและต่างหู"),
                "ring",
                ("silver", "stainless_steel", "alloy"),
                None,
                ("color", "style"),
                [
                    ("necklace", "项链", "Necklace", "dây chuyền", "collar|", "สร้อยคอ", "m", False, ()),
                    ("stud_earrings", "耳钉", "Stud Earrings", "bông tai", "pendientes|", "ต่างหู", "m", True, ()),
                    ("bracelet", "手链", "Bracelet", "vòng tay", "pulsera|", "สร้อยข้อมือ", "f", False, ()),
                ],
            ),
            (
                ("watches", "手表", "Watches", "đồng hồ", "relojes", "นาฬิกา"),
                "watch",
                ("stainless_steel", "leather", "alloy"),
                None,
                ("color", "style"),
                [
                    ("quartz_watch", "石英表", "Quartz Watch", "đồng hồ quartz", "reloj|de cuarzo", "นาฬิกาควอตซ์", "m", False, ()),
                    ("mechanical_watch", "机械表", "Mechanical Watch", "đồng hồ cơ", "reloj|mecánico", "นาฬิกากลไก", "m", False, ()),
                    ("couple_watches", "情侣手表", "Couple Watches", "đồng hồ đôi", "relojes|para parejas", "นาฬิกาคู่", "m", True, ()),
                ],
            ),
        ],
    ),
]

# Adjectives / style words: (key, zh, en, vi, es (masc. sing.), th), tags (empty = fits anything).
ADJECTIVES: list[tuple[Row, tuple[str, ...]]] = [
    (("fashionable", "时尚", "Fashionable", "thời trang", "moderno", "แฟชั่น"), ()),
    (("minimalist", "简约", "Minimalist", "tối giản", "minimalista", "มินิมอล"), ()),
    (("premium", "高档", "Premium", "cao cấp", "de alta gama", "พรีเมียม"), ()),
    (("korean_style", "韩版", "Korean Style", "phong cách Hàn Quốc", "estilo coreano", "สไตล์เกาหลี"), ("wear", "jewelry")),
    (("nordic_style", "北欧风", "Nordic Style", "phong cách Bắc Âu", "estilo nórdico", "สไตล์นอร์ดิก"), ("home", "office")),
    (("vintage", "复古", "Vintage", "cổ điển", "vintage", "วินเทจ"), ("wear", "home", "office", "jewelry")),
    (("cute", "可爱", "Cute", "dễ thương", "lindo", "น่ารัก"), ("wear", "kids", "pets", "office", "home", "jewelry")),
    (("portable", "便携", "Portable", "nhỏ gọn", "portátil", "พกพาสะดวก"), ("gadget", "home", "sports", "beauty")),
    (("lightweight", "轻便", "Lightweight", "siêu nhẹ", "ligero", "น้ำหนักเบา"), ("apparel", "footwear", "sports", "carry", "gadget")),
    (("durable", "耐用", "Durable", "bền bỉ", "duradero", "ทนทาน"), ("carry", "home", "sports", "pets", "kids", "footwear")),
    (("waterproof", "防水", "Waterproof", "chống nước", "impermeable", "กันน้ำ"), ("carry", "gadget", "footwear", "sports")),
    (("breathable", "透气", "Breathable", "thoáng khí", "transpirable", "ระบายอากาศได้ดี"), ("apparel", "footwear")),
    (("loose", "宽松", "Loose Fit", "form rộng", "holgado", "ทรงหลวม"), ("apparel",)),
    (("slim", "修身", "Slim Fit", "ôm dáng", "entallado", "ทรงสลิม"), ("apparel",)),
    (("casual", "休闲", "Casual", "năng động", "casual", "ลำลอง"), ("wear",)),
    (("elegant", "优雅", "Elegant", "thanh lịch", "elegante", "สง่างาม"), ("wear", "jewelry", "home")),
    (("luxury", "轻奢", "Luxury", "sang trọng", "lujoso", "หรูหรา"), ("wear", "jewelry", "home", "carry")),
    (("large_capacity", "大容量", "Large Capacity", "dung tích lớn", "de gran capacidad", "ความจุสูง"), ("carry",)),
    (("non_slip", "防滑", "Non-Slip", "chống trượt", "antideslizante", "กันลื่น"), ("footwear", "sports")),
    (("shockproof", "防摔", "Shockproof", "chống sốc", "a prueba de golpes", "กันกระแทก"), ("gadget",)),
    (("wireless", "无线", "Wireless", "không dây", "inalámbrico", "ไร้สาย"), ("gadget",)),
    (("smart", "智能", "Smart", "thông minh", "inteligente", "อัจฉริยะ"), ("gadget",)),
    (("fast_charging", "快充", "Fast Charging", "sạc nhanh", "de carga rápida", "ชาร์จเร็ว"), ("gadget",)),
    (("noise_cancelling", "降噪", "Noise Cancelling", "chống ồn", "con cancelación de ruido", "ตัดเสียงรบกวน"), ("gadget",)),
    (("foldable", "折叠", "Foldable", "gấp gọn", "plegable", "พับได้"), ("home", "sports", "carry")),
    (("handmade", "手工", "Handmade", "thủ công", "hecho a mano", "ทำมือ"), ("jewelry", "office", "home")),
    (("eco_friendly", "环保", "Eco-Friendly", "thân thiện môi trường", "ecológico", "รักษ์โลก"), ("home", "kids", "pets", "office")),
    (("thermal", "保暖", "Thermal", "giữ ấm", "térmico", "กันหนาว"), ("apparel", "footwear")),
    (("thick", "加厚", "Thickened", "dày dặn", "grueso", "แบบหนา"), ("apparel", "home", "pets")),
    (("stretchy", "高弹", "Stretchy", "co giãn", "elástico", "ยืดหยุ่นดี"), ("apparel", "sports")),
    (("sporty", "运动风", "Sporty", "thể thao", "deportivo", "สปอร์ต"), ("apparel", "footwear")),
    (("non_toxic", "无毒", "Non-Toxic", "không độc hại", "no tóxico", "ปลอดสารพิษ"), ("kids", "pets", "home")),
    (("educational", "益智", "Educational", "giáo dục", "educativo", "เสริมพัฒนาการ"), ("kids",)),
    (("long_lasting", "持久", "Long-Lasting", "lâu trôi", "de larga duración", "ติดทนนาน"), ("beauty",)),
    (("moisturizing", "保湿", "Moisturizing", "dưỡng ẩm", "hidratante", "ให้ความชุ่มชื้น"), ("beauty",)),
    (("hypoallergenic", "防过敏", "Hypoallergenic", "chống dị ứng", "hipoalergénico", "ป้องกันการแพ้"), ("jewelry", "beauty")),
    (("mini", "迷你", "Mini", "mini", "mini", "มินิ"), ("gadget", "kids", "beauty", "home")),
]

# Spanish adjectives whose forms are not made by the regular rules:
# masc. sing. -> (masc. sing., fem. sing., masc. pl., fem. pl.)
ES_ADJECTIVE_FORMS: dict[str, tuple[str, str, str, str]] = {
    "hecho a mano": ("hecho a mano", "hecha a mano", "hechos a mano", "hechas a mano"),
    "no tóxico": ("no tóxico", "no tóxica", "no tóxicos", "no tóxicas"),
}
# Invariable in Spanish (loanwords and prepositional phrases are recognised automatically).
ES_INVARIABLE: frozenset[str] = frozenset({"premium", "vintage", "mini", "retro"})

# Materials: (key, zh, en, vi, es, th).  es is used as "de <material>".
MATERIALS: list[Row] = [
    ("cotton", "纯棉", "Cotton", "cotton", "algodón", "ผ้าฝ้าย"),
    ("linen", "亚麻", "Linen", "vải lanh", "lino", "ผ้าลินิน"),
    ("polyester", "涤纶", "Polyester", "vải polyester", "poliéster", "โพลีเอสเตอร์"),
    ("leather", "真皮", "Genuine Leather", "da thật", "piel auténtica", "หนังแท้"),
    ("pu_leather", "PU皮", "PU Leather", "da PU", "cuero PU", "หนัง PU"),
    ("canvas", "帆布", "Canvas", "vải canvas", "lona", "ผ้าใบ"),
    ("stainless_steel", "不锈钢", "Stainless Steel", "thép không gỉ", "acero inoxidable", "สแตนเลส"),
    ("ceramic", "陶瓷", "Ceramic", "gốm sứ", "cerámica", "เซรามิก"),
    ("glass", "玻璃", "Glass", "thủy tinh", "vidrio", "แก้ว"),
    ("wood", "实木", "Solid Wood", "gỗ tự nhiên", "madera maciza", "ไม้จริง"),
    ("bamboo", "竹制", "Bamboo", "tre", "bambú", "ไม้ไผ่"),
    ("silicone", "硅胶", "Silicone", "silicon", "silicona", "ซิลิโคน"),
    ("plastic", "塑料", "Plastic", "nhựa", "plástico", "พลาสติก"),
    ("alloy", "合金", "Alloy", "hợp kim", "aleación", "โลหะผสม"),
    ("silver", "925银", "925 Sterling Silver", "bạc 925", "plata 925", "เงินแท้ 925"),
]

# Colours: (key, zh, en, vi, es, th), RGB.  vi titles say "màu <vi>", es titles "color <es>".
COLORS: list[tuple[Row, tuple[int, int, int]]] = [
    (("white", "白色", "White", "trắng", "blanco", "สีขาว"), (245, 245, 245)),
    (("black", "黑色", "Black", "đen", "negro", "สีดำ"), (25, 25, 25)),
    (("grey", "灰色", "Grey", "xám", "gris", "สีเทา"), (140, 140, 140)),
    (("red", "红色", "Red", "đỏ", "rojo", "สีแดง"), (210, 35, 40)),
    (("pink", "粉色", "Pink", "hồng", "rosa", "สีชมพู"), (245, 160, 190)),
    (("orange", "橙色", "Orange", "cam", "naranja", "สีส้ม"), (245, 130, 30)),
    (("yellow", "黄色", "Yellow", "vàng", "amarillo", "สีเหลือง"), (250, 210, 40)),
    (("green", "绿色", "Green", "xanh lá", "verde", "สีเขียว"), (50, 160, 80)),
    (("blue", "蓝色", "Blue", "xanh dương", "azul", "สีน้ำเงิน"), (40, 100, 210)),
    (("navy", "藏青色", "Navy", "xanh than", "azul marino", "สีกรมท่า"), (25, 35, 80)),
    (("purple", "紫色", "Purple", "tím", "morado", "สีม่วง"), (130, 60, 170)),
    (("brown", "棕色", "Brown", "nâu", "marrón", "สีน้ำตาล"), (120, 75, 40)),
    (("beige", "米色", "Beige", "be", "beige", "สีเบจ"), (225, 210, 180)),
    (("khaki", "卡其色", "Khaki", "kaki", "caqui", "สีกากี"), (190, 170, 120)),
]

# SKU property names.
SKU_PROPERTIES: list[Row] = [
    ("color", "颜色", "Color", "Màu sắc", "Color", "สี"),
    ("size", "尺码", "Size", "Kích cỡ", "Talla", "ขนาด"),
    ("spec", "规格", "Spec", "Quy cách", "Especificación", "สเปก"),
    ("style", "款式", "Style", "Kiểu dáng", "Estilo", "แบบ"),
    ("capacity", "容量", "Capacity", "Dung tích", "Capacidad", "ความจุ"),
]

# Size charts (values for the "size"/"capacity" SKU properties).
SIZE_CHARTS: dict[str, list[Row]] = {
    "apparel": [
        (s.lower(), s, s, s, s, s) for s in ("S", "M", "L", "XL", "XXL", "3XL")
    ],
    "shoes": [
        (f"eu{n}", f"{n}码", f"EU {n}", f"Size {n}", f"Talla {n}", f"ไซซ์ {n}") for n in range(35, 46)
    ],
    "kids": [
        (f"cm{n}", f"{n}码", f"{n} cm", f"Size {n} cm", f"Talla {n} cm", f"ไซซ์ {n} ซม.") for n in range(90, 150, 10)
    ],
    "ring": [
        (f"us{n}", f"{n}号", f"US {n}", f"Size {n}", f"Talla {n}", f"ไซซ์ {n}") for n in range(5, 11)
    ],
    "generic": [
        ("small", "小号", "Small", "Cỡ nhỏ", "Pequeño", "ขนาดเล็ก"),
        ("medium", "中号", "Medium", "Cỡ vừa", "Mediano", "ขนาดกลาง"),
        ("large", "大号", "Large", "Cỡ lớn", "Grande", "ขนาดใหญ่"),
        ("xlarge", "特大号", "Extra Large", "Cỡ đại", "Extra grande", "ขนาดใหญ่พิเศษ"),
    ],
    "capacity": [
        (f"ml{n}", f"{n}ml", f"{n} ml", f"{n} ml", f"{n} ml", f"{n} มล.") for n in (30, 50, 350, 500, 750, 1000)
    ],
}

# Values for the "spec" and "style" SKU properties.
SPEC_VALUES: list[Row] = [
    ("standard", "标准版", "Standard", "Bản tiêu chuẩn", "Estándar", "รุ่นมาตรฐาน"),
    ("upgraded", "升级版", "Upgraded", "Bản nâng cấp", "Versión mejorada", "รุ่นอัปเกรด"),
    ("deluxe", "豪华版", "Deluxe", "Bản cao cấp", "De lujo", "รุ่นดีลักซ์"),
    ("bundle", "套装", "Bundle", "Combo", "Pack", "ชุดเซ็ต"),
]
STYLE_VALUES: list[Row] = [
    ("style_a", "A款", "Style A", "Mẫu A", "Modelo A", "แบบ A"),
    ("style_b", "B款", "Style B", "Mẫu B", "Modelo B", "แบบ B"),
    ("style_c", "C款", "Style C", "Mẫu C", "Modelo C", "แบบ C"),
]

# "2024 new" prefix, per language; "{year}" is substituted.
NEW_YEAR: Row = ("new_year", "{year}新款", "{year} New", "mẫu mới {year}", "novedad {year}", "รุ่นใหม่ {year}")

# Accepted language aliases, already folded (lower case, no diacritics).
LANGUAGE_ALIASES: dict[str, tuple[str, ...]] = {
    "zh": ("zh", "cn", "chs", "cht", "zho", "chi", "chinese", "china", "中文", "汉语", "漢語", "中国", "中國", "简体中文"),
    "en": ("en", "eng", "english", "us", "uk", "gb", "usa", "united states", "united kingdom"),
    "vi": ("vi", "vn", "vie", "vietnamese", "vietnam", "viet nam", "tieng viet"),
    "es": ("es", "spa", "spanish", "spain", "espana", "espanol", "castellano", "mx", "mexico"),
    "th": ("th", "tha", "thai", "thailand", "ไทย", "ภาษาไทย", "ประเทศไทย"),
}
# fmt: on
