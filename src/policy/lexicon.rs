//! The policy's words, by what they mean, in English, German, French, Spanish, Italian and
//! Japanese. A word carries concept flags; the sentence rules (rules.rs) combine concepts, never
//! single words: "refund" alone is only a REWARD, a violation only beside a review it pays for.
//!
//! Entries are written as a seller would write them; the builder folds them exactly like the
//! text (normalize.rs: lower case, no accents), splits Latin entries into words (an entry of
//! several words is a phrase, matched on consecutive words and read as one token with the
//! entry's flags, so "feel free" is a request and not a reward), and indexes entries with
//! Japanese characters by their first character (Japanese has no spaces between words).
//! Sources: Amazon's Communication Guidelines and prohibited seller activities, as summarised
//! in facts.md "Business rules": no asking for positive reviews, no incentives, no asking to
//! change or remove a review, no asking only satisfied buyers (review gating), no contact details.

/// Concept flags of a word.
pub type Flags = u64;

/// A review, rating or feedback (the noun): review, Bewertung, avis, reseña, recensione, レビュー.
pub const REVIEW: Flags = 1;
/// Verbs of reviewing or rating, which may also be used for other things ("we will review").
pub const RATE: Flags = 1 << 1;
pub const STAR: Flags = 1 << 2;
/// The number five (or four) written as a word.
pub const FIVE: Flags = 1 << 3;
/// A positive qualifier: positive, good, excellent, glowing, favourable, 高.
pub const POS: Flags = 1 << 4;
/// A negative qualifier: negative, bad, poor, 1-star, 低.
pub const NEGQ: Flags = 1 << 5;
/// Leave, write, post, give, share (a review).
pub const LEAVE: Flags = 1 << 6;
/// Asking: please, would you, we'd appreciate, お願い.
pub const REQ: Flags = 1 << 7;
pub const AMAZON: Flags = 1 << 8;
/// Something of value: free, gift card, discount, refund, 返金.
pub const REWARD: Flags = 1 << 9;
/// An exchange: in return, receive, get, once, after, 引き換え.
pub const EXCH: Flags = 1 << 10;
/// A weak link to a reward: after, once, receive, get (strong only beside a review).
pub const AFTER: Flags = 1 << 27;
/// for, für, pour, por, per.
pub const FOR: Flags = 1 << 11;
/// We send, give, offer, cover, reimburse.
pub const OFFER: Flags = 1 << 12;
/// A condition: if, only, unless, 場合, なら.
pub const COND: Flags = 1 << 13;
/// Satisfied, happy, loved it.
pub const SAT: Flags = 1 << 14;
/// Unhappy, dissatisfied, a problem.
pub const UNSAT: Flags = 1 << 15;
pub const NOT: Flags = 1 << 16;
/// Contact us, write to us, let us know.
pub const CONTACT: Flags = 1 << 17;
/// First, before, instead.
pub const FIRST: Flags = 1 << 18;
/// Change, update, remove, delete, withdraw.
pub const CHANGE: Flags = 1 << 19;
pub const THANKS: Flags = 1 << 20;
/// We, our (the seller speaking of itself).
pub const WE: Flags = 1 << 21;
pub const YOU: Flags = 1 << 22;
/// Things a seller reviews or assesses that are not reviews: a claim, a case, photos, damage.
pub const OTHEROBJ: Flags = 1 << 23;
/// The thing a buyer reviews: product, item, purchase, seller, shop.
pub const PRODUCT: Flags = 1 << 24;
/// Will, 'll, shall, to, must: before "review", the verb ("we will review your claim").
pub const MODAL: Flags = 1 << 25;
/// A top rating in itself: full marks, la note maximale, 満点, 星5.
pub const HIGH: Flags = 1 << 26;
/// "out of", von, sur, de, su: between the two numbers of a score.
pub const OUTOF: Flags = 1 << 28;
/// Based on, thanks to, following (your feedback): the seller acted on a review.
pub const BASIS: Flags = 1 << 29;
/// A word that says the contact is by phone: phone, call, tel, WhatsApp, 電話.
pub const PHONE: Flags = 1 << 30;
/// "at" written out in an address: at, arobase, arroba, chiocciola.
pub const AT: Flags = 1 << 31;
/// "dot" written out: dot, punkt, point, punto.
pub const DOT: Flags = 1 << 32;
/// E-mail, mail, メール.
pub const MAIL: Flags = 1 << 33;
/// Help, support: what a review does for the seller ("a 5-star review helps us").
pub const HELP: Flags = 1 << 34;
/// Words that end a rating phrase without being a rated thing: "5 stars on", "5 stars please".
pub const FUNC: Flags = 1 << 35;
/// Past events reported by the seller: received, had, got (our reviews), has been.
pub const PAST: Flags = 1 << 37;
/// Overrides: the phrase is not what its words would say ("à mon avis", "avis de passage").
pub const NONE: Flags = 1 << 38;
/// Articles and linking words between a noun and what it is of: of, the, des, della, の.
pub const LINK: Flags = 1 << 39;
/// Words that may start or end a German compound: "Gratisprobe", "Verkäuferfeedback".
pub const STEM: Flags = 1 << 40;
/// The compound stems (folded), tried by direct comparison on unknown long words.
pub const STEMS: [&str; 17] = [
    "funfsterne",
    "funfstern",
    "garantieverlangerung",
    "punkte",
    "gratis",
    "geschenk",
    "gutschein",
    "rabatt",
    "bewertung",
    "rezension",
    "feedback",
    "sterne",
    "bonus",
    "kostenlos",
    "erstattung",
    "probe",
    "pramie",
];
/// Numbers of things that are not phones: order, tracking, invoice, postcode, 伝票番号.
pub const IDCUE: Flags = 1 << 41;
/// A digit spelled out (zero … nine, null … neun, zéro … neuf, cero … nueve, zero … nove).
pub const DIGIT: Flags = 1 << 36;
/// A number of tens spelled out (ten … ninety and their kin): two digits of a phone number.
pub const TENS: Flags = 1 << 43;
/// Our, unser, notre, nuestro, nostro: the seller's own (reviews, rating).
pub const OUR: Flags = 1 << 42;
/// Where reviews are read: publicly, on the product page, öffentlich, 商品ページ (Amazon is AMAZON).
pub const VENUE: Flags = 1 << 44;
/// Other buyers, everyone: whom a public review speaks to ("tell others how much you love it").
pub const OTHERS: Flags = 1 << 45;
/// Telling, praising, recommending, choosing an answer: "tell", "erzählen", "広めて", "選んで".
pub const TELL: Flags = 1 << 46;
/// A mark or grade that is a rating only beside a qualifier: note, nota, voto, score.
pub const GRADE: Flags = 1 << 47;
/// The preposition before a target: "up to 5", "auf neutral", "à 5 étoiles", "星5に".
pub const TO: Flags = 1 << 48;
/// or, oder, ou, o, oppure, か: "positive or negative" is neutral.
pub const OR: Flags = 1 << 49;
/// Whatever the outcome: "whether or not", "egal ob", "either way", "どちらでも".
pub const EITHER: Flags = 1 << 50;
/// At any time, jederzeit, à tout moment, いつでも: a change offered as a hint.
pub const ANYTIME: Flags = 1 << 51;
/// Still, now, noch, encore, まだ: "is one star still fair now?"
pub const STILL: Flags = 1 << 52;
/// Abbreviations whose dot does not end a sentence: "neg.", "approx.", "bzw.".
pub const ABBR: Flags = 1 << 53;
/// Customers, buyers, Kunden, clients, clienti, お客様.
pub const CUSTOMER: Flags = 1 << 54;
/// "us", "uns", "nos", "ci" as objects: not the seller doing something.
pub const USOBJ: Flags = 1 << 55;
/// One, two, three as words: "one star", "ein Stern", "une étoile", "due stelle".
pub const LOW: Flags = 1 << 56;
/// Raising: bump, raise, increase, erhöhen, augmenter, 増やし — a rating raised is changed.
pub const RAISE: Flags = 1 << 59;
/// Definite articles: "the valuation" is the seller's, "your review" the buyer's.
pub const DEF: Flags = 1 << 57;
/// Review nouns that also mean an assessment: Bewertung, évaluation, valoración, valutazione, 評価.
pub const ASSESS: Flags = 1 << 58;

/// `(flags, entries)`: entries are `|`-separated (a `&[&str]` would cost a pointer per word).
pub const LISTS: &[(Flags, &str)] = &[
    // Review nouns.
    (REVIEW, "review|reviews|feedback|feedbacks|rating|ratings|testimonial|product review|customer review|seller feedback|star rating"),
    (REVIEW, "bewertung|rezension|kundenbewertungen|produktbewertungen|feedback"),
    (REVIEW, "avis|evaluation|commentaire|avis client|avis clients|temoignage"),
    (REVIEW, "resena|opinion|valoracion|calificacion|comentario|puntuacion|valoracion del producto"),
    (REVIEW, "recensione|recensioni|valutazione|valutazioni|commento|commenti|feedback"),
    (REVIEW, "レビュー|評価|口コミ|クチコミ|くちこみ|感想|カスタマーレビュー|商品レビュー|星評価|コメント|フィードバック|評価コメント|ご評価|ご感想"),
    (REVIEW | RATE, "review"),
    (RATE, "rate"),
    (RATE, "rate us|review us|rating us|bewerte|bewerten sie|rezensieren|evaluer|evaluez|noter|notez|valorar|valore|valora|calificar|califique|califica|puntuar|puntue|opinar|recensire|recensisci|valutare|valuti|valuta|valutarci|vota"),
    // Stars and numbers.
    (STAR, "star|starred|stern|etoile|estrella|stella|stelle|星|つ星|ツ星|★"),
    (FIVE, "five|funf|fuenf|cinq|cinco|cinque|五|４|４つ|５つ|5つ|五つ|four|vier|quatre|cuatro|quattro"),
    (HIGH, "full marks|top marks|full score|perfect score|perfect rating|perfect 10|volle punktzahl|volle sterne|volle sternzahl|bestnote|hochstnote|note maximale|la note maximale|meilleure note|puntuacion maxima|maxima puntuacion|nota maxima|calificacion maxima|massimo dei voti|punteggio massimo|punteggio pieno|valutazione massima|massimo punteggio|最高評価|10 e lode|dieci e lode|30 e lode|20 sur 20|note parfaite|top note|note de 5"),
    (OUTOF, "out of|von|sur|de|su|中"),
    // Qualifiers.
    (POS, "good|great|glowing|excellent|favourable|favorable|perfect|top|best|highest|high|nice|wonderful|amazing|awesome|outstanding|stellar|rave|raving|brilliant|fantastic|superb|shining|kind|lovely|positively|better|improved"),
    (POS, "positiv|gut|gute|guter|sehr gute|hervorragend|ausgezeichnet|exzellent|toll|super|perfekt|hohe|hochste|glanzend|bessere|top-bewertung"),
    (POS, "positif|bon|bonne|bons|excellent|elogieux|elogieuse|favorable|meilleur|super|parfait|maximale|maximum|top|genial|tres bon|tres bonne|brillant|meilleur avis"),
    (POS, "buena|bueno|excelente|favorable|mejor|estupenda|estupendo|maravillosa|maravilloso|genial|maxima|maximo|alta|muy buena"),
    (POS, "buona|buono|buone|buoni|ottima|ottimo|ottime|ottimi|eccellente|eccellenti|favorevole|favorevoli|migliore|migliori|perfetta|perfetto|massima|massimo|alta|splendida|splendido|entusiasta|entusiastica"),
    (POS, "好意的|ポジティブ|最高|素晴らしい|良い|よい|いい"),
    (POS | REVIEW, "高評価|良い評価|よい評価|いい評価|良いレビュー|よいレビュー|いいレビュー|好評価|高い評価|高く評価|高評価レビュー|満足の評価|最高の評価|nice words|kind words|a few kind words|some nice words|lovely words|a few nice words|nette worte|ein paar nette worte|freundliche worte|lobende worte|gentils mots|quelques mots gentils|mots doux|un petit mot gentil|palabras bonitas|unas palabras bonitas|palabras amables|buenas palabras|belle parole|due belle parole|parole gentili|qualche parola gentile|showing us some love|show us some love|some love"),
    (HIGH, "星5|星５|星五つ|星5つ|5つ星|５つ星|五つ星|星を5|星を５|星5つ|満点"),
    (NEGQ, "bad|poor|low|lower|critical|unfavourable|unfavorable|harsh|bad review|negatively|neutral|unfair"),
    (NEGQ, "negativ|schlecht|kritisch|niedrige|neutral|negative bewertung"),
    (NEGQ, "negatif|mauvais|defavorable|critique|neutre|faible|basse|mauvais avis"),
    (NEGQ, "mala|malo|desfavorable|critica|baja|neutral|neutra|neutro"),
    (NEGQ, "cattiva|cattivo|cattive|sfavorevole|sfavorevoli|critica|critico|bassa|basso|neutra"),
    (NEGQ, "悪評|否定的|ネガティブ|辛口|悪い"),
    (NEGQ | REVIEW, "低評価|悪い評価|わるい評価|悪いレビュー|厳しい評価|低い評価|マイナス評価|星1|星１|星2|星２"),
    // Leaving a review.
    (LEAVE, "leave|leaving|left|write|writing|wrote|written|post|posting|posted|give|giving|gave|submit|submitting|share|sharing|spare|publish|award|rate"),
    (LEAVE, "hinterlasst|hinterlasse|schreiben|schreibt|verfassen|abgeben|abzugeben|geben|gebt|gib|vergeben|teilen|veroffentlichen|zu hinterlassen|zu schreiben|zu geben|hinterlasst|vergeben|vergebt|vergibt|da lassen|dalassen"),
    (LEAVE, "laisser|laissez|laisse|laissant|ecrire|ecrivez|ecris|donner|donnez|donne|publier|publiez|rediger|redigez|deposer|deposez|partager|partagez|attribuer|laissent|laisseront|mettre|mettez|mets|metter|attribuez|ecrivent|publient"),
    (LEAVE, "dejar|deje|deja|escribir|escriba|escribe|publicar|publique|dar|danos|denos|compartir|comparta|otorgar|deje|publican|poner|ponga|otorguen"),
    (LEAVE, "lasciare|lasci|lasciarci|lasciaci|scrivere|scriva|scrivi|pubblicare|pubblichi|dare|dacci|ci dia|condividere|condivida|rilasciare|assegnare|lasciano|lascera|lascino|lasciarci|metta|metti|mettano|assegni|assegnare"),
    (LEAVE, "書いて|書き|書く|投稿|残して|残し|つけて|付けて|付け|つけ|いただけ|頂け|下さ|くださ|寄せ|記入|送って"),
    // Asking.
    (REQ, "please|pls|plz|kindly|would|could|can you|could you|will you|appreciate|appreciated|appreciative|grateful|love|hope|hoping|consider|remember|don't forget|do not forget|take a moment|take a minute|a minute|a moment|encourage|invite|ask|asking|request|requesting|need|want|feel free|in advance|mean the world|mean a lot|would be great|if possible|willing|wish|let us|would you mind|would be|would make|would mean|would really|it would|wonderful if|great if|be great|make our day|made our day|brighten|light up"),
    (REQ, "bitte|wurdet|konnten|konntest|konnen|freuen uns|freue|freuen wurden|dankbar|hoffe|vergessen sie nicht|nehmen sie sich|gerne|ermutigen|bitten|wunschen|im voraus|vorab|mochte|ware|waren|uns freuen|freuen wir uns|wir freuen uns|schon|toll ware|klasse"),
    (REQ, "s'il vous plait|svp|stp|merci de|merci d'avance|pourriez|pourrais|pouvez|voudriez|voudrais|apprecierions|apprecierais|serions ravis|serions reconnaissants|reconnaissant|esperons|espere|n'hesitez|n'hesitez pas|prenez|prendre|encourageons|invitons|demandons|souhaitons|aimerions|d'avance|ravis|serait|seraient|ferait|feraient|ferait plaisir|nous ferait|adorerions|aimerais|pourriez-vous|voudriez-vous|pouvez-vous"),
    (REQ, "por favor|podria|puede|agradeceriamos|agradeceria|agradecemos|nos encantaria|esperamos|espero|no olvide|no olvides|tomese|tomate|animamos|invitamos|pedimos|rogamos|le rogamos|nos gustaria|le agradeceriamos|de antemano|te pedimos|haria|seria|haria ilusion|harian ilusion|ilusion|agradeceriamos mucho|podria usted|nos haria|nos harian|le importaria"),
    (REQ, "per favore|per piacere|potresti|puo|puoi|potreste|saremmo grati|saremmo felici|gradiremo|speriamo|spero|non dimentichi|non dimenticare|prenda|prenditi|invitiamo|chiediamo|preghiamo|la preghiamo|ti preghiamo|ci farebbe piacere|in anticipo|grati|cortesemente|gentilmente|sarebbe|sarebbero|farebbe|farebbero|ci farebbe|ci renderebbe|ci piacerebbe|ti andrebbe|le andrebbe"),
    (REQ, "お願い|ください|下さい|くださいませ|いただけ|頂け|いただきたく|頂きたく|ぜひ|是非|ご協力|幸いです|嬉しいです|うれしいです|助かります|お待ちして|してほしい|して欲しい|願います|賜り|たまわり"),
    (HELP, "help|helping|support|matter|important|means|boost|hilft|helfen|unterstutzt|unterstutzen|aide|aident|aider|soutien|soutenir|ayuda|ayudar|apoyo|apoyar|aiuta|aiutano|aiutare|sostegno|sostenere|励み|力になり|支え|助け|would help|aiuterebbe|aiuterebbero|ayudaria|aiderait|aideraient|helfen wurde|wurde helfen|hilft uns|nos ayuda|ci aiuta|nous aide|励みになります|励みになり"),
    (AMAZON, "amazon|amazon's|amzn|アマゾン|アマゾンの"),
    // Rewards and exchanges.
    (REWARD, "free|freebie|gift|giftcard|gift card|gift cards|gift voucher|discount|discounted|coupon|refund|refunded|reward|rewarded|bonus|cashback|cash back|voucher|promo|promo code|code|sample|money|cash|credit|paypal|reimburse|reimbursed|reimbursement|compensation|compensate|payment|prize|giveaway|complimentary|rebate|surprise|present|money back|store credit|upgrade|extra|accessory|bundle|percent|dollars|euros|pounds|usd|eur|gbp|shipping cost|shipping costs|shipping fee|postage|delivery fee|your shipping|next order|your next order|on us|on the house|for free|percent off|second one|another one|a second|extra item"),
    (REWARD, "gratis|kostenlos|geschenk|gutschein|rabatt|erstattung|erstatten|erstatten wir|belohnung|belohnen|pramie|bonus|probe|muster|gutschrift|geld|geld zuruck|prozent|uberraschung|aufmerksamkeit|dankeschon-geschenk|zugabe|vergutung|entschadigung|versandkosten|versandgebuhr|porto|nachste bestellung|ihre nachste bestellung|geht auf uns|auf unsere kosten|kostenlose probe|prozent rabatt"),
    (REWARD, "gratuit|gratuitement|cadeau|cadeaux|reduction|remise|bon d'achat|bon de reduction|remboursement|rembourser|rembourse|recompense|recompenser|prime|echantillon|avoir|code promo|argent|offert|surprise|pourcentage|carte cadeau|dedommagement|geste commercial|frais de port|frais d'envoi|frais de livraison|prochaine commande|votre prochaine commande|a nos frais|offert|rembourserons|remboursons|remboursez|code de reduction|bon de reduction|pourcent"),
    (REWARD, "gratis|regalo|descuento|cupon|reembolso|reembolsar|reembolsaremos|recompensa|recompensar|premio|muestra|bono|vale|dinero|codigo promocional|codigo de descuento|tarjeta regalo|sorpresa|por ciento|compensacion|obsequio|gastos de envio|costes de envio|envio gratis|proximo pedido|su proximo pedido|de nuestra cuenta|corre de nuestra cuenta|a nuestra cuenta|devolvemos|le devolvemos|reembolsamos|le reembolsamos|reembolsaremos|regalamos|obsequiamos"),
    (REWARD, "gratis|gratuitamente|omaggi|regalo|regali|sconto|sconti|buono|buoni|buono sconto|buono regalo|rimborso|rimborsare|rimborseremo|ricompensa|premio|campione|campioni|codice|codice sconto|codice promozionale|soldi|denaro|sorpresa|per cento|compenso|risarcimento|carta regalo|spese di spedizione|costi di spedizione|prossimo ordine|il prossimo ordine|a nostro carico|a spese nostre|rimborsiamo|vi rimborsiamo|ti rimborsiamo|regaliamo|omaggiamo"),
    (REWARD, "無料|プレゼント|ギフト|ギフト券|ギフトカード|アマゾンギフト|割引|クーポン|返金|特典|ポイント|謝礼|粗品|進呈|キャッシュバック|値引き|サンプル|景品|商品券|おまけ|オマケ|現金|代金|送料無料|お礼の品|ノベルティ|全額返金|円分|円引き|割引券|サービス品|送料|次回|次回使える|オフ|%オフ|％オフ|割引コード|プレゼントいたします|差し上げます|無料でお送り|お返し"),
    (EXCH, "in exchange|in return|return for|in turn|as a thank you|as a thank-you|as thanks|to thank you|thank-you gift|as a token of|as a reward|reward you|screenshot|screen shot|proof of your review|tied to|in exchange for|so we can send|thank you gift|small thank you|little thank you|as a little thank you|as a small thank you|in appreciation"),
    (EXCH, "im gegenzug|gegenzug|im austausch|austausch|dafur|als dankeschon|als dank|zum dank|bildschirmfoto|screenshot|nachweis|belohnt|belohnen|kleines dankeschon|als kleines dankeschon|zum dankeschon|als anerkennung"),
    (EXCH, "en echange|en retour|en contrepartie|pour vous remercier|en remerciement|capture d'ecran|en guise de remerciement|recompenser|petit merci|en guise de merci|pour vous dire merci|pour la peine"),
    (EXCH, "a cambio|en agradecimiento|para agradecerle|para agradecerte|como agradecimiento|captura de pantalla|en compensacion|recompensar|pequeno detalle|como detalle|en compensacion|por las molestias de|para darle las gracias"),
    (EXCH, "in cambio|per ringraziarti|per ringraziarla|come ringraziamento|in segno di gratitudine|screenshot|ricompensare|piccolo pensiero|come piccolo ringraziamento|per dirti grazie|per dirle grazie"),
    (EXCH, "引き換え|引換|代わりに|いただいた方|頂いた方|書いていただいた方|投稿いただいた方|方全員|もれなく|スクリーンショット|スクショ|お礼に|お礼として|いただいたお客様|された方|した方|くださったお客様|くださった方|いただけた方|頂けた方|投稿で|レビューで|書いてくださった|投稿してくださった"),
    (AFTER, "receive|receiving|get|gets|getting|earn|claim|qualify|qualifies|entitled|eligible|unlock|afterwards|once|after|when|as soon as|every|each|enjoy|you'll get|you will get|you'll receive|you will receive|cuando|quand|wenn sie|sobald sie"),
    (AFTER, "erhalten|erhaltst|erhalten sie|bekommen|bekommst|bekommen sie|sobald|nachdem|nach|anschliessend|danach|jede|jeder"),
    (AFTER, "recevrez|recevoir|recevez|obtenir|obtenez|obtiendrez|une fois|des que|apres|beneficier|beneficiez|chaque"),
    (AFTER, "recibir|recibe|obtener|obtendra|obtenga|una vez|tan pronto|tras|despues|cada"),
    (AFTER, "ricevera|ricevere|riceve|ottenere|otterrai|ottenga|una volta|non appena|dopo|ogni"),
    (AFTER, "投稿後|後に|後|いただければ|頂ければ|したら|すると|方に|の方へ"),
    (FOR, "with|mit|avec|con|for|fur|pour|por|para|per|に対して|に対し"),
    (OFFER, "send|sending|sent|offer|offering|offered|provide|providing|cover|covering|reimburse|pay|ship|enclose|include|we'll send|we will send|we'll give|we will give|we'll offer|we'll refund|we will refund|give you|send you|offer you|schicken|schenken|anbieten|bieten|ubernehmen|zahlen|zukommen|envoyer|enverrons|envoyons|offrir|offrons|proposons|rembourserons|prendrons en charge|payer|enviar|enviaremos|enviamos|regalar|regalaremos|ofrecer|ofrecemos|pagar|cubriremos|inviare|invieremo|inviamo|regaleremo|offriamo|copriremo|差し上げ|お送り|贈呈|送付|お渡し|we cover|we'll cover|we will cover|cover your|take care of|ubernehmen wir|wir ubernehmen|erstatten wir|schicken wir|senden wir|nous offrons|nous vous offrons|nous remboursons|nous prenons en charge|le devolvemos|le enviamos|le regalamos|cubrimos|le reembolsamos|vi rimborsiamo|le rimborsiamo|vi inviamo|le inviamo|vi regaliamo|いたします|致します|お送りします"),
    // Conditions and satisfaction.
    (COND, "if|only|unless|provided|as long as|whether|in case|wenn|falls|nur|sofern|solange|si|seulement|uniquement|a condition|solo|solamente|unicamente|siempre que|en caso|se|soltanto|purche|nel caso|qualora|もし|なら|場合|たら|れば|方のみ|だけ|のみ|who are|who were|who loved|who liked|customers who|those who|anyone who|wer|diejenigen|ceux qui|celles qui|quienes|los que|aquellos que|chi|coloro che|quelli che|ましたら|したら|でしたら|であれば|なら|お気に召しましたら|満足いただけましたら|ご満足いただけましたら|気に入っていただけましたら|でしたら|場合は|方は"),
    (SAT, "happy|satisfied|pleased|love|loved|loving|like|liked|enjoy|enjoyed|enjoying|delighted|content|thrilled|glad|impressed|great experience|all good|everything ok|everything is ok|meets your expectations|met your expectations|met expectations|fan|adore|adored|delight|delightful|pleasant|went well|worked out|all went well|positive experience|good experience|great experience|pleased with"),
    (SAT, "zufrieden|glucklich|gefallt|gefallen|gefiel|begeistert|freude|erfreut|ubezeugt|mogen|mag|gefallen hat|gefallen haben|gefallen hat|gefallt ihnen|begeistert sind|uberzeugt"),
    (SAT, "satisfait|content|heureux|heureuse|plu|plait|aime|aimez|ravi|ravis|enchante|conquis|comble|satisfaction|adore|adorer|apprecie|appreciez|bien passe|convaincu"),
    (SAT, "satisfecho|satisfecha|feliz|gusta|gustado|gusto|encantado|encantada|encanta|encantado|satisfaccion|adorado|gustara|gustado mucho|encantara|convencido|convencida"),
    (SAT, "soddisfatto|soddisfatta|soddisfatti|soddisfatte|felice|felici|piaciuto|piaciuta|piace|entusiasta|soddisfazione|adorato|piaciuto molto|piaciuti|piaciute|convinto|convinta"),
    (SAT, "満足|気に入|喜んで|お気に召|良かった|よかった|ご満足|満足いただけ|お喜び|気にいって|気に入って|気に入り|お気に召しましたら|満足いただけましたら|ご満足いただけ|喜んでいただけ|良い印象"),
    (UNSAT, "unhappy|dissatisfied|unsatisfied|disappointed|problem|issue|wrong|complaint|complaints|concern|not satisfied|not happy|not perfect|anything less|less than|fault|faulty|defective|unsatisfactory|trouble"),
    (UNSAT, "unzufrieden|problem|enttauscht|mangel|mangelhaft|beschwerde|fehler|defekt|nicht zufrieden|schwierigkeiten|anliegen"),
    (UNSAT, "insatisfait|mecontent|decu|souci|defaut|reclamation|pas satisfait|insatisfaction|difficulte"),
    (UNSAT, "insatisfecho|insatisfecha|descontento|descontenta|decepcionado|decepcionada|inconveniente|queja|defecto|no satisfecho|no esta satisfecho"),
    (UNSAT, "insoddisfatto|insoddisfatta|scontento|scontenta|deluso|delusa|inconveniente|inconvenienti|reclamo|difetto|non soddisfatto|difficolta"),
    (UNSAT, "不満|問題|ご不満|不具合|不良|ご不便|不備|トラブル|ご満足いただけない|満足いただけない|気に入らない|お気に召さない|不安"),
    (NOT, "not|no|never|dont|don't|doesn't|didn't|isn't|wasn't|aren't|won't|can't|couldn't|wouldn't|haven't|hasn't|weren't|cannot|nicht|kein|nie|niemals|pas|ne|non|jamais|aucun|nunca|ningun|non|mai|nessun|ない|ません|なかった|ではなく"),
    (CONTACT, "contact|contacting|message|reach|reach out|email|e-mail|call|tell|let us know|get in touch|write to us|write us|speak|talk|inform|notify|ask us|kontakt|kontaktiere|melden|meldet|schreiben sie uns|wenden|wenden sie sich|lassen sie uns wissen|informieren|contactez|ecrivez-nous|ecrivez nous|prevenez|informez|faites-nous savoir|joindre|contactar|contactenos|escribanos|escribenos|avisenos|comuniquese|informenos|haganos saber|contattare|contattarci|contattaci|ci contatti|scriverci|scrivici|ci scriva|avvisarci|ci faccia sapere|facci sapere|informarci|ご連絡|連絡|お問い合わせ|問い合わせ|ご相談|相談|お知らせ|メッセージ"),
    (FIRST, "first|before|instead|rather|rather than|prior|prior to|beforehand|directly|zuerst|erst|bevor|vorher|statt|anstatt|zunachst|direkt|d'abord|avant|avant de|plutot|au lieu|au lieu de|directement|primero|antes|antes de|en lugar|en vez|directamente|prima|prima di|invece|anziche|piuttosto|direttamente|前に|まず|先に|前|代わりに|直接|その前|前にご|の前|straight|straight to us|direct|directly to us|not to the review|rather than the review|not the review|zuerst an uns|direkt an uns|directement a nous|directamente a nosotros|direttamente a noi|ではなく|でなく|よりも先に|より先に"),
    (CHANGE, "change|changing|update|updating|edit|editing|revise|revising|modify|modifying|remove|removing|removal|delete|deleting|deletion|take down|withdraw|withdrawing|retract|retracting|amend|reconsider|reconsidering|adjust|raise|upgrade|correct|rethink|revisit|erase|redo|replace|revoke|cancel|take back|pull|rewrite|updated|changed|removed|deleted|edited|revised|modified|amended"),
    (CHANGE, "andern|anderung|abandern|entfernen|entfernung|loschen|loschung|zuruckziehen|zuruckzunehmen|zurucknehmen|anpassen|aktualisieren|uberarbeiten|korrigieren|uberdenken|nachbessern|zu andern|zu entfernen|zu loschen|anzupassen|abzuandern|zu uberarbeiten|zu aktualisieren|zu korrigieren|zu uberdenken|zuruckzuziehen|zu revidieren|anheben|revidieren|widerrufen|geandert|entfernt|geloscht"),
    (CHANGE, "modifier|modifiez|modification|changer|changez|supprimer|supprimez|suppression|retirer|retirez|mettre a jour|revoir|revoyez|corriger|effacer|effacez|actualiser|reviser|revisez|annuler|ameliorer|modifie|supprime|retire"),
    (CHANGE, "cambiar|modificar|modifique|modifica|eliminar|elimine|elimina|borrar|borre|retirar|retire|actualizar|actualice|reconsiderar|corregir|quitar|quite|editar|revisar|revise|mejorar|anular"),
    (CHANGE, "modifichi|modifica|cambi|rimuovere|rimuova|rimuovi|elimini|elimina|cancellare|cancelli|ritirare|ritiri|aggiornare|aggiorni|aggiorna|riconsiderare|riconsideri|correggere|togliere|tolga|rivedere|riveda|migliorare|rimuoverla"),
    (CHANGE, "変更|削除|取り消|取消|修正|書き換|撤回|見直|消して|変えて|訂正|更新|書き直|取り下げ|引き上げ|消去|編集|上げて"),
    (THANKS, "merci d'avoir|merci d'etre|thank|thankful|danke|dank|vielen dank|herzlichen dank|merci|remercions|remercie|gracias|agradecemos|grazie|ringraziamo|ありがとう|感謝|御礼|お礼申し上げ"),
    (WE, "we|we'll|we've|we're|we are|us|i|i'll|i've|i'm|wir|uns|ich|nous|je|nosotros|nos|yo|noi|ci|io|estamos|somos|siamo|sommes|sind wir|弊社|当社|当店|私ども|私たち|わたくしども|当ショップ"),
    (WE | OUR, "our|ours|my|unser|mein|notre|nos|mon|ma|mes|nuestro|nuestra|mi|mis|nostro|nostra|nostri|nostre|mio|mia|弊社の|当店の|当社の"),
    (YOU, "you|your|you'll|you've|you're|yourself|sie|ihre|ihr|ihrer|ihnen|du|dein|dich|dir|vous|votre|vos|tu|ton|ta|tes|toi|usted|su|sus|tu|tus|te|le|lei|suo|sua|suoi|sue|tuo|tua|tuoi|tue|voi|vostro|vostra|お客様|貴方|あなた|お客さま"),
    (OTHEROBJ, "claim|claims|case|request|requests|return|return request|account|photo|picture|image|video|document|documentation|detail|information|info|message|messages|situation|file|application|inquiry|enquiry|query|ticket|complaint|warranty|evidence|policy|option|address|shipping address|invoice|receipt|damage|condition|refund request|submission|form|case number|attachment|attached|settings|order details|tracking|statement|payment|dispute|incident|report|claim form|terms|listing|instructions|manual|guide|proposal|quote|offer"),
    (OTHEROBJ, "anspruch|anfrage|fall|falls|reklamation|rucksendung|unterlagen|schaden|schaden|bilder|antrag|garantie|garantiefall|dokumente|situation|angaben|daten|nachricht|beschwerde|zustand|ware|rechnung|adresse|lieferadresse|sachlage|lage|meldung|anliegen|angebot|kaufpreis|erstattungsantrag|gewahrleistung|beanstandung"),
    (OTHEROBJ, "passage|reception|expedition|livraison|reclamation|reclamations|demande|dossier|dommage|garantie|retour|colis|situation|document|facture|adresse|etat|requete|litige|conformite|echeance"),
    (OTHEROBJ, "reclamacion|solicitud|caso|danos|dano|imagenes|garantia|devolucion|documentacion|situacion|factura|direccion|estado|informacion|datos|mensaje|incidencia|pedido|paquete|expediente|queja"),
    (OTHEROBJ, "richiesta|richieste|reclamo|reclami|pratica|pratiche|danno|danni|foto|immagini|garanzia|reso|resi|documentazione|situazione|fattura|indirizzo|stato|informazioni|dati|messaggio|segnalazione|pacco|caso|casi|condizioni"),
    (OTHEROBJ, "検品|検査|査定|状態|申請|返品|交換|ご申請|写真|画像|請求|審査|試験|品質|性能|査定額|損傷|破損|保証"),
    (OTHEROBJ | NONE, "製品評価|評価試験|評価結果|評価基準|評価中|評価後|評価担当|評価の結果|評価額|評価値"),
    (PRODUCT, "product|item|purchase|order|seller|shop|store|experience|brand|us|it|them|produkt|artikel|kauf|einkauf|bestellung|shop|laden|erfahrung|verkaufer|produit|article|achat|commande|boutique|vendeur|experience|articulo|compra|tienda|vendedor|experiencia|prodotto|prodotti|articolo|articoli|acquisto|ordine|negozio|venditore|esperienza|商品|製品|ショップ|お買い物|購入品|ご購入"),
    (MODAL, "will|'ll|ll|shall|to|must|can|currently|carefully|team|am|are|is|be|been|being|need to|have to|going to|will be|werden|wird|muss|zu|prufen|allons|vais|va|devons|doit|vamos|va|vamos a|debemos|dobbiamo|andremo|procederemo|いたします|致します|します|しております|中"),
    (BASIS, "based on|thanks to|according to|following|after reviewing|in response to|aufgrund|dank|gemass|entsprechend|nach prufung|grace a|suite a|selon|conformement a|gracias a|en base a|segun|tras revisar|grazie a|in base a|secondo|a seguito|に基づ|を踏まえ|を受けて|により|によって"),
    (PHONE, "phone|telephone|tel|call|calling|cell|whatsapp|telegram|viber|signal|wechat|line id|sms|text us|text me|hotline|ring|dial|telefon|telefonisch|anrufen|rufen|handy|mobil|mobilnummer|rufnummer|telephone|telephoner|appelez|appeler|portable|numero de telephone|llamar|llame|llamenos|movil|celular|numero de telefono|chiamare|chiami|chiamaci|cellulare|numero di telefono|電話|携帯|ライン|電話番号|tel番号|フリーダイヤル"),
    (AT, "at|arobase|arroba|chiocciola|chiocciolina|klammeraffe|atmark|at sign|アットマーク|あっとまーく|アット"),
    (DOT, "dot|punkt|point|punto|ドット|どっと|てん"),
    (MAIL, "email|e-mail|mail|emails|e-mails|mailbox|inbox|gmail|yahoo|hotmail|outlook|icloud|gmx|courriel|correo|correo electronico|posta|posta elettronica|メール|メアド|メールアドレス|eメール|mail address|email address|e-mail-adresse|adresse e-mail|adresse mail|direccion de correo|indirizzo email|indirizzo e-mail"),
    (FUNC, "on|in|for|to|from|and|or|please|pls|plz|would|will|rating|review|feedback|if|as|at|with|via|through|bitte|auf|bei|fur|und|oder|sur|pour|et|ou|svp|en|para|por|y|o|su|per|e|o|da|in|con|by|ok|thank|now|today|here|there|it|us|me|too|again|is|are|was"),
    (PAST, "received|have received|has received|we've received|got|earned|collected|gathered|erhalten haben|bekommen haben|avons recu|a recu|hemos recibido|ha recibido|abbiamo ricevuto|ha ricevuto|いただいております|頂いております|いただきました"),
    (DIGIT, "zero|oh|one|two|three|four|five|six|seven|eight|nine|null|eins|zwei|zwo|drei|vier|funf|sechs|sieben|acht|neun|un|une|deux|trois|quatre|cinq|sept|huit|neuf|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|due|tre|quattro|cinque|sei|sette|otto|nove"),
    (TENS, "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|zehn|elf|zwolf|zwanzig|dreissig|vierzig|funfzig|sechzig|siebzig|achtzig|neunzig|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|diez|once|doce|trece|catorce|quince|veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|dieci|undici|dodici|tredici|quattordici|quindici|sedici|venti|trenta|quaranta|cinquanta|sessanta|settanta|ottanta|novanta"),
    (LINK, "を|of|the|a|an|this|that|these|des|der|dem|den|die|das|einer|ein|eine|du|de|la|le|les|un|une|el|los|las|del|al|uno|una|della|dello|delle|dei|degli|di|il|lo|gli|d|l|の|に関する"),
    (IDCUE, "tracking|tracking number|order|order number|order no|order id|reference|ref|invoice|invoice number|parcel|shipment|consignment|postcode|zip|zip code|serial|serial number|asin|sku|iban|account number|registration|vat|batch|lot|model|part number|sendungsnummer|sendung|bestellnummer|bestellung|auftragsnummer|rechnungsnummer|rechnung|kundennummer|seriennummer|artikelnummer|plz|suivi|numero de suivi|commande|numero de commande|facture|colis|reference|seguimiento|numero de seguimiento|pedido|numero de pedido|factura|envio|referencia|tracciamento|numero di tracciamento|ordine|numero d'ordine|fattura|spedizione|riferimento|追跡|追跡番号|注文番号|お問い合わせ番号|伝票番号|登録番号|請求書番号|〒|型番|品番"),
    // Round 2 (issue #13): concepts for sentence structure rather than phrases.
    (VENUE, "publicly|public|in public|openly|online|product page|on the product page|product listing|offentlich|publiquement|en public|en ligne|page produit|page du produit|fiche produit|publicamente|en publico|pagina del producto|pagina de producto|ficha del producto|pubblicamente|in pubblico|pagina del prodotto|scheda prodotto|produktseite|公開|公に|商品ページ|レビュー欄"),
    (OTHERS, "others|other customers|other buyers|other shoppers|other parents|everyone|everybody|the world|andere|alle|alle welt|anderen kunden|anderen kaufern|autres|les autres|tous|tout le monde|autres clients|otros|los demas|demas|todos|todo el mundo|otros clientes|altri|gli altri|tutti|a tutti|altri clienti|皆さま|皆様|みなさま|みなさん|みんな|他のお客様|ほかのお客様|他の方"),
    (TELL, "tell|say|share|show|spread|recommend|praise|rave|brag|shout|sing|spread the word|erzahlt|erzahl|sagen|sagt|zeigen|empfehlen|empfehlt|loben|lobt|schwarmen|dire|racontez|raconter|raconte|montrez|recommandez|recommander|vantez|vanter|cuente|cuentale|cuenteles|contar|cuenta|diga|digale|decir|recomiende|recomendar|recomienda|presuma|hable bien|raccontate|raccontare|racconta|racconti|dite|dica|dire|consigliate|consigli|consigliare|lodate|promuova|promuoverci|promuovere|promuovi|elogie|elogiar|vantate|広め|伝え|教え|おすすめ|お勧め|紹介|シェア|褒め|tick|select|choose|pick|ankreuzen|kreuzen|wahlen|auswahlen|cocher|cochez|choisir|choisissez|selectionnez|marcar|marque|elegir|elija|seleccione|spuntare|spunti|scegliere|scelga|selezioni|選んで|選択|チェックを"),
    (GRADE, "note|nota|voto|voti|votazione|punteggi|score|grade|marks|punktzahl|punkte|puntos|punti|points|点数"),
    (TO, "to|up to|auf|bis|a|zu|jusqu'a|hasta|fino a|に"),
    (OR, "or|oder|ou|o|oppure|ni|nor|か|または|あるいは"),
    (EITHER, "whether or not|either way|or not|good or bad|positive or negative|egal ob|ob positiv oder negativ|gut oder schlecht|oder nicht|ou non|ou pas|bon ou mauvais|positif ou negatif|positive ou negative|quel qu'il soit|quelle qu'elle soit|o no|bueno o malo|buena o mala|positiva o negativa|positivo o negativo|sea cual sea|o meno|buona o cattiva|positiva o negativa|positivo o negativo|qualunque essa sia|良くも悪くも|良い点も悪い点も|どちらでも|良くても悪くても"),
    (ANYTIME, "at any time|any time|anytime|jederzeit|a tout moment|a n'importe quel moment|en cualquier momento|cuando quiera|in qualsiasi momento|in ogni momento|quando vuole|いつでも|still possible|noch moglich|encore possible|todavia es posible|ancora possibile"),
    (STILL, "still|now|anymore|noch|jetzt|nun|eigentlich|encore|toujours|maintenant|desormais|todavia|aun|ahora|ancora|ora|adesso|まだ|今|今でも|今も"),
    (ABBR, "neg|pos|approx|ca|bzw|etc|inkl|evtl|ggf|usw|nr|no|tel|st|mr|mrs|ms|dr|sr|sra|sig|avv|ecc|vs|min|max|ref|art|env|aprox|cf"),
    (CUSTOMER, "customer|buyer|shopper|client|kunde|kundin|kaufer|kauferin|comprador|acquirente|acquirenti|お客様|お客さま|購入者|ユーザー"),
    (USOBJ, "us|uns|nos|ci|me|mich|mir|moi"),
    (DEF, "i|the|der|die|das|den|dem|le|la|les|l|el|los|las|il|lo|gli"),
    (REVIEW | ASSESS, "evaluation|bewertung|valoracion|valutazione|valutazioni|calificacion|rating|評価"),
    (CHANGE | RAISE, "raise|raised|increase|increased|bump|bump up|bumped|subir|subiria|suba|remonter|remontez|rehausser|alzare|alzi|rialzare|hochsetzen|erhohen|erhoht|augmenter|augmentez|aumentar|aumente|aumenti|増やし|上げ|もう少し"),
    (CHANGE, "adjusted|retracted|reconsidered|corrected|taken down|pulled|zuruckgezogen|uberdacht|uberarbeitet|rimossa|rimosso|eliminata|eliminato|modificata|modificato|cambiata|cambiato|dar una vuelta|darle una vuelta"),
    (HIGH, "por las nubes|a las nubes|in den himmel|aux nues|alle stelle|sternchenregen|sternregen|pluie d'etoiles|lluvia de estrellas|pioggia di stelle|perfect score|a perfect score|a perfect 10"),
    (HELP, "deserve|deserved|worth|verdient|verdienen|merite|meritent|merece|merita|meritano|値する"),
    (MODAL, "etre|sein|worden|estar|ser|essere|stato|stata|venire|sido"),
    (CHANGE, "再考|考え直|上げて"),
    (NOT, "いいえ|neither|nor|weder|n"),
    // Something already given is reported, not offered: "we refunded the broken cup".
    (REWARD | PAST, "refunded|reimbursed|credited|zuruckerstattet|gutgeschrieben|reembolsado|reembolsada|rimborsato|rimborsata|返金しました|返金いたしました|返金済み"),
    (SAT | POS, "begeisterte"),
    (HIGH | REVIEW, "bestbewertung"),
    (LINK | LOW, ""),
    (LEAVE | CONTACT, "escribame"),
    (REVIEW | NOT | FIRST, "レビューではなく|評価ではなく|口コミではなく|レビューより先に"),
    (SAT, "adorez|adorerez|adorent|amuser|amusent|amusez|s'amusent|divertono|diverte|se divierten|disfruten|disfrutan|freuen sich|spass|spass haben"),
    (HELP, "hilf|helft|hilf uns|helft uns|help us|aiutaci|aiutateci|ayudanos|ayudenos|aidez-nous|aide-nous"),
    (LEAVE, "lass|pondra|pondria|dara|darias|mettrez|mettra|mettriez|metterete|dareste"),
    (CHANGE, "rimuovete|togliete|cambiate|supprimez|retirez|entfernt|loscht|andert"),
    (CONTACT, "fill in|fill out|ausfullen|fullen sie|remplissez|remplir|rellene|rellena|rellenar|compili|compilare|compila|ご記入|記入|アンケート|formular|formulaire|formulario|modulo"),
    (REQ, "merci d|merci de bien vouloir|でしょうか|いただけますか|頂けますか|可能でしょうか"),
    // Polite questions that ask, though they end like a negation (NONE: they do not inherit "ない").
    (REQ | NONE, "ないでしょうか|ないですか|ませんでしょうか|ないかな|ませんか"),
    (OTHEROBJ, "proof|design|draft|mockup|mock-up|layout|artwork|sketch|entwurf|korrekturabzug|druckvorlage|maquette|epreuve|croquis|maqueta|boceto|diseno|bozza|bozzetto|anteprima|校正|デザイン|デザイン案|ゲラ|内容|社内|urgence|urgency|dringlichkeit|urgencia|urgenza|priority|priorite|prioridad|priorita|緊急度|優先度|energy|energie|load|fire|speed"),
    (IDCUE, "iva|p.iva|partita iva|piva|siret|siren|cif|nif|rfc|ust-idnr|ust|steuernummer|tva|codice fiscale|vat number|tax id"),
    (LOW, "one|single|ein|eine|einem|un|une|uno|una|two|zwei|deux|dos|due|three|drei|trois|tres|tre|一つ|1つ|２つ|2つ"),
    (REVIEW, "write-up|writeup|reviewer|rezensent|rezensentin|meinung|erfahrungsbericht|kundenmeinung|parere|pareri|giudizi|calificaciones|レビュアー|評価欄|投稿レビュー"),
    (RATE, "reviewing|commenter|commentez|commente|kommentieren|comentar|comente|comenta|commentare|benoten|bewertet|bewertest|votez|voter|votar|vote|opiniez|opiner|esprimere|valutarci|recensirci|recensite|recensisca|評価して|評価を付け|レビューして|星を付け|星をつけ"),
    (STAR, "sternchen|estrellita|stellina|stelline|stellette|星つ|つぼし"),
    (HIGH, "funfstern|a pieni voti|pieni voti|massimi voti|voto massimo|voti alti|top-bewertung|volle punkte|note maximale|la meilleure note|nota maxima|la nota maxima|note la plus haute|punteggio pieno|top-note|大変満足|最高の星"),
    (POS, "alti|alto|alte|hoch|wunderbar|fabelhaft|grossartig|merveilleux|merveilleuse|magnifique|fantastique|enorme|magnifico|magnifica|meravigliosa|meraviglioso|stupendo|stupenda|favolosa|increible|chaud au coeur|top note|strahlende|enthusiastic"),
    (SAT, "fans|fun|have fun|gefallt's|楽し|楽しんで|楽しさ|convence|convainc|convaincu|convince|convinced|entusiasma|entusiasmano|conquista|conquis|encante|begeistern|passt|va bien|loves|love it|loved it"),
    (UNSAT, "nicht passt|nicht gefallt|nicht stimmt|etwas nicht|non va|qualcosa non va|ne va pas|ne convient pas|no le convence|no te convence|no le queda bien|no te queda bien|non ti sta bene|non le sta bene|ne te va pas|ne vous va pas|doesn't fit|does not fit|not right|goes wrong|anything wrong|something wrong|anything about it|合わない|不満|negative experience|negative experiences|esperienze negative|experiencias negativas|experiences negatives|negative erfahrungen|悪いご体験|不快"),
    (CONTACT, "sprich|sprechen|sprechen sie|reden|kommen sie zu uns|come to us|come back to us|talk to us|tell us|let us|venez nous voir|venez|passi da noi|passa da noi|venga da noi|vieni da noi|hable con nosotros|hablar con nosotros|habla con nosotros|hablenos|dinos|diganos|dimelo|dillo|ditecelo|ce lo dica|ce lo dici|dis-le-nous|dites-le-nous|dites-nous|sag es uns|sagen sie es uns|sag uns|segnalate|segnalare|segnali|segnalarlo|signalez|signaler|avisez|reply|antworten|repondez|responda|rispondi|risponda|write to me|schreiben sie mir|ecrivez-moi|mi scriva|ご一報|教えて|お聞かせ|当店へ|当店に|弊社へ|弊社に|私どもへ|ご返信"),
    (FIRST, "vor|zuvor|privately|in private|privat|personlich|en prive|en privado|in privato|privatamente|個別に|not to amazon|nicht an amazon|pas sur amazon|no en amazon|non su amazon|ではなく|hold off|wait|warten|attendre|attendez|esperar|espere|aspettare|aspetti|お待ち"),
    (REWARD, "points|loyalty points|bonus points|reward points|loyalty|vip|club|raffle|draw|prize draw|sweepstake|lottery|entered into|donate|donation|token of thanks|small token|a little something|little something|treat|goodies|extended warranty|warranty extension|extra warranty|extra year|venmo|zelle|bizum|satispay|paypay|lineペイ|punkte|treuepunkte|bonuspunkte|verlosung|gewinnspiel|spende|spenden wir|zusatzgarantie|garantieverlangerung|kleinigkeit|kleines geschenk|dankeschon|points fidelite|fidelite|tirage|tirage au sort|concours|faisons un don|un don|reversons|extension de garantie|garantie prolongee|petit cadeau|petit quelque chose|parrainage|puntos|sorteo|participar en el sorteo|donamos|donativo|donacion|garantia extendida|garantia ampliada|detalle|detallito|regalito|punti|punti fedelta|estrazione|concorso|doniamo|donazione|devolviamo|estensione di garanzia|garanzia estesa|pensierino|ポイント|抽選|寄付|保証延長|延長保証|ささやかな|オフ|off|% off|percent off|cashback"),
    (AFTER, "unlock|freischalten|schalten|debloquez|debloquer|desbloquea|desbloquear|sblocca|sbloccare|earn|gagnez|gagner|rapporte|ganar|gana|suma|vale|guadagni|accumula|sammeln|sammelt|erhaltet|entitle|counts|enter|participate|nimmt teil|nehmen teil|participez|participe|participan|entran|partecipa|partecipano|につき|ごとに|毎に|たびに"),
    (EXCH, "件で|件につき|pour chaque|por cada|para cada|fur jede|fur jeden|fur jedes|per ogni|in gegenzug|dafur bekommen|en retour de|a cambio de|in cambio di|その代わり|代わりに|見返り|for each|for every|per review|pro bewertung|par avis|por resena|per recensione|1件につき|件につき|件ごとに"),
    (NONE, "feel like|if you feel like|si gusta|si lo desea|si vous le souhaitez|se vuole|se le va|wenn sie mogen|wenn sie mochten|if you wish|a mon avis|a notre avis|mon avis|notre avis|a votre avis|avis de passage|avis de reception|avis d'expedition|avis de livraison|avis d'expedition|sauf avis contraire|nouvel avis|jusqu'a nouvel avis|avis de paiement|avis d'echeance|en mi opinion|en nuestra opinion|a mio avviso|a nostro avviso|secondo noi|feel free to|free of charge|for free|duty free|free shipping|free returns|free return|free replacement|free delivery|toll free|toll-free|hands free|estrella de mar|estrellas de mar|chiave a stella|chiavi a stella|in my opinion|in our opinion|note that|please note|take note|nota bene|notez que|feedback form|note de credit|code postal|tracking code|postal code|zip code|code de suivi|sendungscode|codigo postal|codice postale|codice di tracciamento|numero de seguimiento|kostenlose lieferung|kostenloser versand|kostenlose rucksendung|kostenloser ersatz|livraison gratuite|retour gratuit|envio gratuito|devolucion gratuita|spedizione gratuita|reso gratuito|送料無料|無料交換|無料で交換|返品無料|at your earliest convenience|at no cost|at no extra cost|at all|at the|at your|at our|at this|at home|look at|at least|at most|at any time|at once"),
];

/// Japanese characters (kana, kanji, CJK marks): the lexicon's entries with them are matched
/// anywhere in a run, without word boundaries.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{31F0}'..='\u{31FF}' | '々' | '〆' | '★')
}

/// Flag names, for `policy::explain`.
pub fn names(f: Flags) -> String {
    const NAMES: &[(Flags, &str)] = &[
        (REVIEW, "REVIEW"),
        (RATE, "RATE"),
        (STAR, "STAR"),
        (FIVE, "FIVE"),
        (POS, "POS"),
        (NEGQ, "NEGQ"),
        (LEAVE, "LEAVE"),
        (REQ, "REQ"),
        (AMAZON, "AMAZON"),
        (REWARD, "REWARD"),
        (EXCH, "EXCH"),
        (AFTER, "AFTER"),
        (FOR, "FOR"),
        (OFFER, "OFFER"),
        (COND, "COND"),
        (SAT, "SAT"),
        (UNSAT, "UNSAT"),
        (NOT, "NOT"),
        (CONTACT, "CONTACT"),
        (FIRST, "FIRST"),
        (CHANGE, "CHANGE"),
        (THANKS, "THANKS"),
        (WE, "WE"),
        (YOU, "YOU"),
        (OTHEROBJ, "OTHEROBJ"),
        (PRODUCT, "PRODUCT"),
        (MODAL, "MODAL"),
        (HIGH, "HIGH"),
        (OUTOF, "OUTOF"),
        (BASIS, "BASIS"),
        (PHONE, "PHONE"),
        (AT, "AT"),
        (DOT, "DOT"),
        (MAIL, "MAIL"),
        (HELP, "HELP"),
        (FUNC, "FUNC"),
        (PAST, "PAST"),
        (NONE, "NONE"),
        (LINK, "LINK"),
        (STEM, "STEM"),
        (IDCUE, "IDCUE"),
        (DIGIT, "DIGIT"),
        (TENS, "TENS"),
        (OUR, "OUR"),
        (VENUE, "VENUE"),
        (OTHERS, "OTHERS"),
        (TELL, "TELL"),
        (GRADE, "GRADE"),
        (TO, "TO"),
        (OR, "OR"),
        (EITHER, "EITHER"),
        (ANYTIME, "ANYTIME"),
        (STILL, "STILL"),
        (ABBR, "ABBR"),
        (CUSTOMER, "CUSTOMER"),
        (USOBJ, "USOBJ"),
        (LOW, "LOW"),
        (DEF, "DEF"),
        (RAISE, "RAISE"),
        (ASSESS, "ASSESS"),
    ];
    NAMES.iter().filter(|(b, _)| f & b != 0).map(|(_, n)| *n).collect::<Vec<_>>().join(",")
}
