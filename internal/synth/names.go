package synth

// Word tables the generator builds Chinese names from. Every table is fixed: names depend
// only on the seed and the entity's index.

// city is a prefecture-level city of Shandong: its name, the slug used in ids, its counties.
type city struct {
	name, slug string
	counties   []string
}

var cities = []city{
	{"东营", "dongying", []string{"东营区", "河口区", "垦利区", "利津县", "广饶县"}},
	{"淄博", "zibo", []string{"张店区", "淄川区", "博山区", "临淄区", "周村区", "桓台县", "高青县", "沂源县"}},
	{"潍坊", "weifang", []string{"潍城区", "寒亭区", "坊子区", "奎文区", "青州市", "诸城市", "寿光市", "高密市"}},
	{"济南", "jinan", []string{"历下区", "市中区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区", "莱芜区"}},
	{"青岛", "qingdao", []string{"市南区", "市北区", "黄岛区", "崂山区", "李沧区", "城阳区", "即墨区", "胶州市"}},
	{"烟台", "yantai", []string{"芝罘区", "福山区", "牟平区", "莱山区", "蓬莱区", "龙口市", "莱阳市", "招远市"}},
	{"威海", "weihai", []string{"环翠区", "文登区", "荣成市", "乳山市"}},
	{"日照", "rizhao", []string{"东港区", "岚山区", "五莲县", "莒县"}},
	{"临沂", "linyi", []string{"兰山区", "罗庄区", "河东区", "沂南县", "郯城县", "沂水县", "兰陵县", "费县"}},
	{"枣庄", "zaozhuang", []string{"市中区", "薛城区", "峄城区", "台儿庄区", "山亭区", "滕州市"}},
	{"济宁", "jining", []string{"任城区", "兖州区", "曲阜市", "邹城市", "微山县", "鱼台县", "金乡县", "嘉祥县"}},
	{"泰安", "taian", []string{"泰山区", "岱岳区", "新泰市", "肥城市", "宁阳县", "东平县"}},
	{"德州", "dezhou", []string{"德城区", "陵城区", "禹城市", "乐陵市", "临邑县", "平原县", "夏津县", "齐河县"}},
	{"聊城", "liaocheng", []string{"东昌府区", "茌平区", "临清市", "阳谷县", "莘县", "东阿县", "冠县", "高唐县"}},
	{"滨州", "binzhou", []string{"滨城区", "沾化区", "邹平市", "惠民县", "阳信县", "无棣县", "博兴县"}},
	{"菏泽", "heze", []string{"牡丹区", "定陶区", "曹县", "单县", "成武县", "巨野县", "郓城县", "鄄城县", "东明县"}},
}

// First year and number of years the corpus covers (2015–2024).
const (
	firstYear = 2015
	numYears  = 10
)

// areas are reform areas (领域).
var areas = []string{
	"营商环境", "国资国企", "财税金融", "农业农村", "生态环保", "社会治理", "教育", "医疗卫生",
	"科技创新", "数字政府", "要素市场化", "城市建设", "文化旅游", "就业社保", "开放型经济",
	"黄河流域生态保护", "民营经济", "审批服务", "法治政府", "基层治理", "土地管理", "水资源管理",
	"养老服务", "住房保障", "安全生产", "交通运输", "海洋经济", "乡村振兴", "绿色低碳", "人才发展",
}

// taskForms end a task's name.
var taskForms = []string{
	"改革", "攻坚行动", "专项行动", "提升工程", "重点任务", "三年行动", "集成改革", "突破行动",
	"创新工程", "示范创建",
}

// taskVerbs begin a task's name.
var taskVerbs = []string{"深化", "推进", "实施", "开展", "完善", "健全", "推动", "加快"}

// agency is a kind of body: its name and its Department kind.
type agency struct {
	name, kind string
}

var agencies = []agency{
	{"委全面深化改革委员会", "PARTY"}, {"委改革办", "PARTY"}, {"委组织部", "PARTY"},
	{"委宣传部", "PARTY"}, {"委政法委", "PARTY"}, {"人民政府", "GOVERNMENT"},
	{"发展和改革委员会", "AGENCY"}, {"财政局", "AGENCY"}, {"行政审批服务局", "AGENCY"},
	{"自然资源和规划局", "AGENCY"}, {"生态环境局", "AGENCY"}, {"农业农村局", "AGENCY"},
	{"教育局", "AGENCY"}, {"卫生健康委员会", "AGENCY"}, {"科学技术局", "AGENCY"},
	{"大数据局", "AGENCY"}, {"工业和信息化局", "AGENCY"}, {"商务局", "AGENCY"},
	{"人力资源和社会保障局", "AGENCY"}, {"住房和城乡建设局", "AGENCY"}, {"市场监督管理局", "AGENCY"},
	{"司法局", "AGENCY"}, {"交通运输局", "AGENCY"}, {"水务局", "AGENCY"}, {"文化和旅游局", "AGENCY"},
	{"国有资产监督管理委员会", "AGENCY"}, {"地方金融监督管理局", "AGENCY"}, {"应急管理局", "AGENCY"},
	{"政务服务中心", "CENTER"}, {"社会治理网格化服务中心", "CENTER"}, {"融媒体中心", "MEDIA"},
	{"投资控股集团", "ENTERPRISE"}, {"城市发展集团", "ENTERPRISE"}, {"职业学院", "UNIVERSITY"},
	{"产业技术研究院", "RESEARCH"}, {"改革攻坚专项小组", "GROUP"}, {"营商环境工作专班", "GROUP"},
	{"社区居民委员会", "COMMUNITY"}, {"街道办事处", "COMMUNITY"}, {"行业协会", "OTHER"},
}

// units are sections inside a body (empty: the body itself).
var units = []string{"", "", "", "办公室", "综合科", "政策法规科", "改革协调科", "督查科", "信息中心", "服务大厅"}

// surnames and givenNames build leaders' names.
var surnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
	"高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"}

var givenNames = []string{"建", "国", "华", "明", "军", "伟", "强", "平", "志", "文", "海", "东", "红", "丽",
	"英", "敏", "静", "磊", "涛", "鹏", "辉", "峰", "刚", "勇", "杰", "斌", "晓", "春", "玉", "新"}

// roles are leaders' roles; groupRoles are roles of groups of leaders (with a headcount).
var roles = []string{"市委书记", "市长", "常务副市长", "副市长", "市委常委", "局长", "主任", "副局长",
	"处长", "书记", "组长", "县委书记", "县长", "区长"}

var groupRoles = []string{"市级领导", "县级领导", "专项小组组长", "分管领导"}

// policyForm is the end of a policy's name and its Policy kind.
type policyForm struct {
	name, kind string
}

var policyForms = []policyForm{
	{"实施方案", "PLAN"}, {"三年行动计划", "PLAN"}, {"工作要点", "PLAN"}, {"若干措施", "RULE"},
	{"管理办法", "RULE"}, {"实施细则", "RULE"}, {"条例", "REGULATION"}, {"规定", "REGULATION"},
	{"工作机制", "MECHANISM"}, {"联席会议制度", "MECHANISM"}, {"考核评价体系", "SYSTEM"},
	{"服务平台", "SYSTEM"}, {"发展战略", "STRATEGY"}, {"指导意见", "OTHER"},
}

// pilotForms end a pilot program's name.
var pilotForms = []string{"试点", "改革试验区", "示范区", "先行区", "综合试验区", "示范县", "试点项目"}

// metric is an outcome's measure and its unit.
type metric struct {
	name, unit string
	max        float64
}

var metrics = []metric{
	{"企业开办时间", "小时", 48}, {"审批事项办理时限", "个工作日", 30}, {"新增市场主体", "户", 50000},
	{"税收收入", "亿元", 900}, {"二氧化碳封存量", "万吨", 100}, {"政务服务事项网办率", "%", 100},
	{"减税降费", "亿元", 80}, {"新增就业", "人", 80000}, {"改革成果", "项", 300},
	{"耕地保护面积", "万亩", 500}, {"专利授权", "件", 20000}, {"跨省通办事项", "项", 200},
	{"土地出让金", "亿元", 400}, {"养老床位", "张", 30000}, {"污水处理率", "%", 100},
	{"实际使用外资", "亿美元", 30},
}

// honours are outcome names of kind HONOUR; scopes their scopes.
var honours = []string{"改革典型案例", "先进集体", "示范单位", "创新奖", "最佳实践", "营商环境标杆城市",
	"首批试点城市", "经验做法推广"}

var scopes = []string{"全国", "全省", "黄河流域", "沿黄九省区", "全市", "山东半岛城市群"}

// milestones are outcome names of kind MILESTONE.
var milestones = []string{"全部完成", "正式运行", "挂牌成立", "通过验收", "全面推开", "率先落地"}

// docKinds are the kinds of source documents.
var docKinds = []string{"全面深化改革工作综述", "政府工作报告", "改革攻坚情况通报", "营商环境评价报告"}

// quoteTails end evidence quotes.
var quoteTails = []string{"取得积极成效", "全面完成", "扎实推进", "成效明显", "走在前列", "形成经验做法",
	"落地见效", "持续深化"}

// notes are the free-text notes some facts carry.
var notes = []string{
	"the source gives no exact date",
	"the pairing is implied by the paragraph, not stated",
	"the figure is rounded in the source (余)",
	"the scope of the claim is not stated",
	"may overlap with another item of the same report",
}
