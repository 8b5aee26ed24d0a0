import { wordList } from './word-list';

/**
 * Words of joy (happiness, amusement, pride, gratitude, love, relief), including social-media
 * forms. Project-written; inflections (`-s`, `-ed`, `-ing`, `-ly`, `-ness`, `-ier`) are matched
 * by the lookup, so mostly base forms are listed.
 */
export const JOY_WORDS = wordList(`
  happy joy joyful joyous glad delighted delight delightful cheerful cheer cheers merry jolly
  love lovely loving adore adorable enjoy enjoyable fun funny hilarious amusing amused laugh
  laughter giggle smile grin celebrate celebration congrats congratulations
  awesome amazing wonderful great fantastic excellent brilliant beautiful perfect best nice
  cool sweet cute gorgeous superb terrific fabulous marvelous marvellous splendid glorious
  good better pleasant pleasure pleased satisfied satisfying fulfilled
  grateful gratitude thankful thank thanks thx ty appreciate appreciated appreciation
  proud pride accomplished achievement win winner won victory triumph success successful
  relief relieved thrilled excited exciting ecstatic elated euphoric bliss blissful
  peaceful serene heavenly paradise blessed blessing lucky fortunate fortune
  wholesome heartwarming stoked pumped hyped dope epic legendary goat fav fave favorite favourite
  yummy delicious tasty treat gift hug hugs kiss kisses sunshine hope hopeful optimistic
  lol lmao lmfao rofl haha hahaha hahahaha hehe heh yay yaay woohoo woo yippee hooray hurray
  beaming radiant gleeful playful inspired inspiring inspirational uplifting
  admire admirable impressive impressed bravo kudos incredible
  😂 🤣 😊 😀 😁 😃 😄 😆 😅 😍 🥰 😘 😻 ❤ 💕 💖 💗 💓 💞 💙 💚 💛 💜 🧡 🥳 🎉 🎊 🙂 😌 ☺ 😎 🤗 ✨ 🌞
`);
